package dev.cutover.app;

import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.job.ClockSkewCheck;
import dev.cutover.core.job.StoreTime;
import dev.cutover.ops.Liveness;
import dev.cutover.ops.OpenRequests;
import dev.cutover.ops.OpsMetrics;
import dev.cutover.ops.OpsServer;
import dev.cutover.ops.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The ops side of a running bot: the ops server on {@code ops.port} with liveness, readiness and
 * the metrics, started before the Slack transport (so a probe gets an answer during start-up) and
 * closed after it. The readiness checks are added as the parts they watch come up; see {@link
 * #slackLink}.
 */
public final class OpsWiring implements AutoCloseable {
    /** How often the readiness checks run. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** How long one readiness check may take before it counts as failing. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    /** How often the open requests are counted from the store. */
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    private final Readiness readiness = new Readiness(CHECK_EVERY, CHECK_TIMEOUT);
    private final Liveness liveness;
    private final AtomicReference<Readiness.Check> slack = new AtomicReference<>(() -> "not connected yet");
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(Threads.named("cutover-metrics"));
    private final OpsServer server;

    /**
     * Builds the checks of {@code bot} (scheduler when jobs are configured, monitors' polls) and the
     * server; serves nothing yet.
     *
     * @param host the interface to bind
     * @param port the ops port (0: a free one)
     */
    OpsWiring(String host, int port, CutoverConfig config, Bot bot, OpsMetrics metrics) {
        this(host, port, config, bot, metrics, new Liveness());
    }

    /** What the checks watch in a running bot ({@link Bot}). */
    interface Watched {
        /** True while the scheduler fires (with no jobs configured, too). */
        boolean schedulerStarted();

        /** The polled queues and services whose last successful poll is older than three intervals. */
        List<String> overduePolls();

        /** The timer pool whose heartbeat {@code /healthz} watches. */
        ScheduledExecutorService timers();
    }

    /** As above, watching {@code bot} and judging wedged pools with {@code liveness}. */
    OpsWiring(String host, int port, CutoverConfig config, Watched bot, OpsMetrics metrics, Liveness liveness) {
        this.liveness = liveness;
        readiness.add("slack", () -> slack.get().problem());
        if (!config.jobs().isEmpty()) {
            readiness.add("scheduler", () -> bot.schedulerStarted() ? null : "the scheduler is not running");
        }
        if (!config.queues().isEmpty()
                || !config.services().isEmpty()
                || config.alarms().queueUrl().isPresent()) {
            readiness.add("monitors", () -> {
                List<String> overdue = bot.overduePolls();
                return overdue.isEmpty() ? null : "not read for three poll intervals: " + String.join(", ", overdue);
            });
        }
        liveness.watch("timers", bot.timers());
        this.server = new OpsServer(host, port, liveness, readiness, metrics::scrape);
    }

    /** Adds the checks of a shared Redis: it answers PING, and its TIME agrees with our clock within 1 s. */
    void redis(Readiness.Check ping, StoreTime time, Clock clock) {
        readiness.add("redis", ping);
        readiness.add("clock", clockCheck(time, clock));
    }

    /**
     * Passes while {@code clock} is within {@link ClockSkewCheck#LIMIT} of the store's TIME (
     * a skewed replica's slots and misfire decisions are wrong, and lease expiry runs on the store's
     * clock); reports nothing else, as readiness asks every second.
     */
    static Readiness.Check clockCheck(StoreTime time, Clock clock) {
        return () -> {
            Duration skew;
            try {
                skew = ClockSkewCheck.measure(time, clock);
            } catch (RuntimeException e) {
                return "cannot read Redis TIME";
            }
            return skew.abs().compareTo(ClockSkewCheck.LIMIT) > 0
                    ? "this clock differs from Redis TIME by " + skew.toMillis() + " ms (limit "
                            + ClockSkewCheck.LIMIT.toMillis() + " ms)"
                    : null;
        };
    }

    /** Counts the open requests of the configured pairs every 15 s ({@code cutover_requests_open}). */
    void countOpenRequests(ApprovalStore store, CutoverConfig config, OpsMetrics metrics) {
        OpenRequests open = new OpenRequests(
                store, config.pairs().stream().map(SwapPairConfig::name).toList(), metrics.registry());
        sampler.scheduleWithFixedDelay(open::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on the Slack link is checked by {@code check} (e.g. Socket Mode's link, or the HTTP server bound). */
    void slackLink(Readiness.Check check) {
        slack.set(check);
    }

    /** A check that passes while {@code up} is true, else says {@code problem}. */
    static Readiness.Check whether(BooleanSupplier up, String problem) {
        return () -> up.getAsBoolean() ? null : problem;
    }

    /**
     * Binds the port and starts the checks.
     *
     * @throws IllegalStateException with one line when the port cannot be bound
     */
    void start() {
        server.start();
        readiness.start();
    }

    /** Readiness answers 503 from now on: the process is stopping. */
    void stopping() {
        readiness.stopping();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        readiness.close();
        sampler.shutdownNow();
    }

    /**
     * Runs {@code call} for a {@link Readiness.Check}: null when it returns, else {@code what} and the
     * exception's class (never its message, which may name a host or carry a secret).
     */
    static @Nullable String problemOf(Runnable call, String what) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return what + ": " + e.getClass().getSimpleName();
        }
    }
}
