package dev.cutover.memory;

import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.alert.Traffic;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TargetGroupTraffic} in this process, for tests: each target group reads as the traffic last
 * {@link #set} for it, whatever the window (as if every request had fallen inside it); a target
 * group never set reads as {@link Traffic#NONE}. Keyed by target group only, like the ALB's
 * TargetGroup dimension. Thread-safe.
 */
public final class InMemoryTargetGroupTraffic implements TargetGroupTraffic {
    private final Map<String, Traffic> traffic = new ConcurrentHashMap<>();

    /** Sets what {@code targetGroup} ({@code targetgroup/<name>/<id>}) reads as from now on. */
    public void set(String targetGroup, Traffic t) {
        traffic.put(targetGroup, t);
    }

    @Override
    public Traffic read(String loadBalancer, String targetGroup, Instant from, Instant to) {
        return traffic.getOrDefault(targetGroup, Traffic.NONE);
    }
}
