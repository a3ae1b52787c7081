package dev.cutover.alert;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.traffic.ShiftHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
     *     without one reads as "not watched": no threshold crossed, its health not confirmed
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
            return Reading.unconfirmed(
                    "not watched: no alerts.cutover side for green",
                    "green is not watched (no alerts.cutover side for it)");
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
                r.breaches(settings).stream().map(b -> b[1]).toList(),
                unconfirmed(r.requests()));
        cache.put(pair, new Cached(since, now, reading));
        return reading;
    }

    /**
     * Why {@code requests} do not confirm green's health, or null when they do: below the watch's
     * {@code minRequests} (at least one) the error rate is not judged, so no crossed threshold
     * says nothing about green (the cutover watch calls such a side's health not confirmed too).
     */
    private @Nullable String unconfirmed(double requests) {
        long n = (long) requests;
        long needed = Math.max(1, settings.minRequests());
        if (n >= needed) {
            return null;
        }
        return n == 0
                ? "green received no requests during the bake"
                : "green received only " + n + " request" + (n == 1 ? "" : "s") + " during the bake (fewer than "
                        + needed + ")";
    }
}
