package dev.cutover.ops;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Whether this replica should get traffic: named checks (Redis answers, the Slack link is up, the
 * scheduler runs, the monitors' polls are recent, the clock agrees with Redis) run in the
 * background every {@code interval}, each on its own thread with a {@code timeout}, so that asking
 * for the state never waits on Redis or Slack. A check still running from an earlier round counts
 * as failing ("no answer within ...") and is not started twice.
 *
 * <p>{@link #stopping()} flips the state to not ready at once (serve's first step on SIGTERM), so a
 * load balancer stops sending before the transport closes.
 */
public final class Readiness implements AutoCloseable {
    /** One check: null when fine, else what is wrong in a few words (no secrets). */
    @FunctionalInterface
    public interface Check {
        @Nullable
        String problem() throws Exception;
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Future<?>> running = new LinkedHashMap<>();
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService rounds;
    private final ExecutorService workers;
    private volatile Map<String, String> failing = Map.of("startup", "checks have not run yet");
    private volatile long lastRoundNanos = System.nanoTime();
    private volatile boolean stopping;

    /**
     * @param interval how often the checks run (e.g. 1 s)
     * @param timeout how long one check may take before it counts as failing (e.g. 1 s)
     */
    public Readiness(Duration interval, Duration timeout) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.rounds = Executors.newSingleThreadScheduledExecutor(daemon("cutover-readiness"));
        this.workers = Executors.newCachedThreadPool(daemon("cutover-readiness-check"));
    }

    /** Adds a check under {@code name} (a JSON key of the 503 body); call before {@link #start()}. */
    public synchronized Readiness add(String name, Check check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Runs the checks now and then every interval. */
    public void start() {
        rounds.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on not ready, whatever the checks say: the process is stopping. */
    public void stopping() {
        stopping = true;
    }

    /**
     * The failing checks by name, each with what is wrong; empty when ready. While stopping, only
     * {@code shutdown}; when no round finished for three intervals plus the timeout, {@code
     * readiness} says so.
     */
    public Map<String, String> failing() {
        if (stopping) {
            return Map.of("shutdown", "the process is stopping");
        }
        long age = System.nanoTime() - lastRoundNanos;
        if (age > interval.multipliedBy(3).plus(timeout).toNanos()) {
            Map<String, String> stale = new LinkedHashMap<>(failing);
            stale.put("readiness", "checks have not finished for " + TimeUnit.NANOSECONDS.toSeconds(age) + " s");
            return stale;
        }
        return failing;
    }

    /** Runs one round of every check, waiting at most the timeout; public for tests. */
    public synchronized void round() {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Check> c : checks.entrySet()) {
            Future<?> previous = running.get(c.getKey());
            if (previous == null || previous.isDone()) {
                Check check = c.getValue();
                running.put(c.getKey(), workers.submit(check::problem));
            }
        }
        Map<String, String> now = new LinkedHashMap<>();
        for (Map.Entry<String, Future<?>> r : running.entrySet()) {
            String problem = outcome(r.getValue(), deadline);
            if (problem != null) {
                now.put(r.getKey(), problem);
            }
        }
        failing = Collections.unmodifiableMap(now);
        lastRoundNanos = System.nanoTime();
    }

    private @Nullable String outcome(Future<?> f, long deadline) {
        try {
            Object problem = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return problem == null ? null : problem.toString();
        } catch (TimeoutException e) {
            return "no answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Stops the rounds; checks still running are interrupted. */
    @Override
    public void close() {
        rounds.shutdownNow();
        workers.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
