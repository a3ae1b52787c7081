package dev.cutover.alert;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.alert.Traffic;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One reading of the new side during a cutover watch.
 *
 * @param requests RequestCount summed since the swap
 * @param errors HTTPCode_Target_5XX_Count summed since the swap
 * @param p95Seconds the newest TargetResponseTime p95 in seconds, or null without traffic
 * @param running the ECS service's running count, or null when no service is configured
 * @param desired the ECS service's desired count, or null
 */
record CutoverReading(
        double requests,
        double errors,
        @Nullable Double p95Seconds,
        @Nullable Integer running,
        @Nullable Integer desired) {
    /**
     * Reads {@code side} from {@code start} (aligned down to its minute: the metrics come in 60 s
     * periods) to {@code now}: its target group's traffic and, when configured, its ECS service.
     */
    static CutoverReading read(
            TargetGroupTraffic traffic, ServiceStatus ecs, CutoverWatchSettings.Side side, Instant start, Instant now) {
        Traffic t = traffic.read(side.loadBalancer(), side.targetGroup(), start.truncatedTo(ChronoUnit.MINUTES), now);
        Integer running = null;
        Integer desired = null;
        if (side.service() != null) {
            ServiceCounts c =
                    ecs.describe(side.cluster(), List.of(side.service())).get(side.service());
            running = c == null ? Integer.valueOf(0) : Integer.valueOf(c.running());
            desired = c == null ? null : c.desired();
        }
        Double latest = t.p95Seconds().isPresent() ? t.p95Seconds().getAsDouble() : null;
        return new CutoverReading(t.requests(), t.errors(), latest, running, desired);
    }

    /** {@code 5XX 0.4% of 1200 · p95 0.21 s · 3/3 tasks}, for people. */
    String summary() {
        String s = String.format("5XX %.1f%% of %d", errorRate() * 100, (long) requests);
        s += p95Seconds == null ? " · p95 –" : String.format(" · p95 %.2f s", p95Seconds);
        return running == null ? s : s + " · " + running + "/" + (desired == null ? "?" : desired) + " tasks";
    }

    /** 5XX / requests, 0 without requests. */
    double errorRate() {
        return requests > 0 ? errors / requests : 0;
    }

    /** The thresholds this reading crosses, each as a breach kind and a sentence. */
    List<String[]> breaches(dev.cutover.config.CutoverWatchSettings s) {
        List<String[]> out = new ArrayList<>();
        if (requests >= s.minRequests() && errorRate() > s.maxErrorRate()) {
            out.add(new String[] {
                "errors",
                String.format(
                        "5XX error rate %.1f%% (%d of %d requests) is above %.1f%%",
                        errorRate() * 100, (long) errors, (long) requests, s.maxErrorRate() * 100)
            });
        }
        if (p95Seconds != null && p95Seconds > s.maxP95Seconds()) {
            out.add(new String[] {
                "latency", String.format("p95 response time %.2f s is above %.2f s", p95Seconds, s.maxP95Seconds())
            });
        }
        if (running != null && desired != null && running < desired) {
            out.add(new String[] {"tasks", "running " + running + " is below desired " + desired});
        }
        return out;
    }
}
