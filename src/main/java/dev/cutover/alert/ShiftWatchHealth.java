package dev.cutover.alert;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.traffic.ShiftHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A shift's health as the cutover watch reads and judges it: the green side's 5XX rate, p95
 * response time and running tasks, against {@code alerts.cutover}'s thresholds. A pair's reading is
 * kept for the watch's {@code pollInterval}: the metrics come per minute, and the sweeps of every
 * replica need not read CloudWatch every few seconds. Thread-safe.
 */
public final class ShiftWatchHealth implements ShiftHealth {
    private final TargetGroupTraffic traffic;
    private final ServiceStatus ecs;
    private final CutoverWatchSettings settings;
    private final Map<String, CutoverWatchSettings.Side> greenSides;
    private final Clock clock;
    private final Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Instant since, Instant at, Reading reading) {}

    /**
     * @param greenSides each pair's green side (the one receiving traffic), by pair name; a pair
     *     without one reads as healthy with "not watched"
     */
    public ShiftWatchHealth(
            TargetGroupTraffic traffic,
            ServiceStatus ecs,
            CutoverWatchSettings settings,
            Map<String, CutoverWatchSettings.Side> greenSides,
            Clock clock) {
        this.traffic = traffic;
        this.ecs = ecs;
        this.settings = settings;
        this.greenSides = Map.copyOf(greenSides);
        this.clock = clock;
    }

    @Override
    public Reading read(String pair, Instant since) {
        CutoverWatchSettings.Side side = greenSides.get(pair);
        if (side == null) {
            return new Reading("not watched: no alerts.cutover side for green", List.of());
        }
        Instant now = clock.instant();
        Cached c = cache.get(pair);
        if (c != null && c.since().equals(since) && now.isBefore(c.at().plus(settings.pollInterval()))) {
            return c.reading();
        }
        CutoverReading r = CutoverReading.read(traffic, ecs, side, since, now);
        Reading reading = new Reading(
                r.summary() + " (limits: 5XX " + String.format("%.1f%%", settings.maxErrorRate() * 100) + ", p95 "
                        + String.format("%.2f s", settings.maxP95Seconds()) + ")",
                r.breaches(settings).stream().map(b -> b[1]).toList());
        cache.put(pair, new Cached(since, now, reading));
        return reading;
    }
}
