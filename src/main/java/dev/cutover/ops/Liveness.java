package dev.cutover.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the process is wedged, for {@code /healthz}: each watched timer pool (the bot's timers,
 * which run the request sweep and the monitors' polls) runs a heartbeat every {@link #BEAT}; a pool
 * whose last heartbeat is older than {@link #WEDGED} has no thread free for that long and is
 * reported. That the ops server answers at all shows the process is serving. It checks nothing
 * outside the process: Redis or Slack being down is for readiness, and restarting the process would
 * not bring them back.
 */
public final class Liveness {
    /** How often each pool is asked to beat. */
    public static final Duration BEAT = Duration.ofSeconds(5);
    /** A pool silent this long is wedged: far beyond any poll, so a busy pool is not taken for a dead one. */
    public static final Duration WEDGED = Duration.ofSeconds(120);

    private final Map<String, Long> lastBeat = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    /** Judges pools on {@link System#nanoTime()}. */
    public Liveness() {
        this(System::nanoTime);
    }

    /** Judges pools on {@code nanoTime} (a monotonic clock in nanoseconds; a test's). */
    public Liveness(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Starts beating on {@code pool} under {@code name}. */
    public void watch(String name, ScheduledExecutorService pool) {
        lastBeat.put(name, nanoTime.getAsLong());
        try {
            pool.scheduleWithFixedDelay(
                    () -> lastBeat.put(name, nanoTime.getAsLong()), 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Already shut down: the process is stopping, and readiness says so.
        }
    }

    /** The wedged pools by name, each with how long it has been silent; empty when live. */
    public Map<String, String> wedged() {
        Map<String, String> out = new LinkedHashMap<>();
        long now = nanoTime.getAsLong();
        lastBeat.forEach((name, at) -> {
            long silent = now - at;
            if (silent > WEDGED.toNanos()) {
                out.put(name, "no heartbeat for " + TimeUnit.NANOSECONDS.toSeconds(silent) + " s");
            }
        });
        return out;
    }
}
