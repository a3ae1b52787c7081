package dev.cutover.app;

import dev.cutover.alert.AlertMonitors;
import dev.cutover.alert.GuardAlarms;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.HomeDashboard;
import dev.cutover.commands.HomeData;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapListener;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.core.traffic.ShiftRunner;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.jobs.Scheduling;
import dev.cutover.ops.BotMetrics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's object graph, built with plain constructors from {@link BotPorts} alone: the swap use
 * case with its commands and buttons, the scheduler with {@code /cron}, and the monitors with
 * {@code /cutover status}. A chat adapter drives it: {@link SlackWiring#app} turns it into a Bolt app
 * for the HTTP server and Socket Mode, and the sandbox console drives that same app.
 */
public final class Bot implements AutoCloseable, OpsWiring.Watched {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    private final SwapWorkflow workflow;
    private final ExecutorService work;
    private final ExecutorService blocking;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService timers;
    private final List<ChatCommand> commands = new ArrayList<>();
    private final List<ActionHandler> actions = new ArrayList<>();
    private final Scheduling scheduling;
    private final Optional<AlertWiring> alerts;
    private final BotMetrics metrics;
    private final Optional<ShiftWiring> shifts;
    private final Optional<HomeWiring> home;

    /** Builds the graph, measured into nothing; starts nothing but the executors. */
    public Bot(BotPorts p) {
        this(p, BotMetrics.none());
    }

    /**
     * Builds the graph with its store, job locks and history, queue alert states and commands
     * measured by {@code metrics}; starts nothing but the executors.
     */
    public Bot(BotPorts unmeasured, BotMetrics metrics) {
        this.metrics = metrics;
        this.home = unmeasured.home().map(h -> new HomeWiring(h, unmeasured.clock()));
        // Every post and edit a channel sees, and every job run, re-publishes the Homes of recent viewers.
        BotPorts p = measured(home.map(h -> watched(unmeasured, h)).orElse(unmeasured), metrics);
        // Follow-ups of commands and clicks: bounded, so a backlog is told "busy" at once instead of waiting.
        this.work = new ThreadPoolExecutor(
                p.config().slack().workers(),
                p.config().slack().workers(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(p.config().slack().workQueue()),
                Threads.named("cutover-work"));
        // The monitors' blocking reads keep a pool of their own: a chat backlog never refuses them.
        this.blocking = Executors.newFixedThreadPool(4, Threads.named("cutover-blocking"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(4, Threads.named("cutover-timer"));
        // A stop cancels what is scheduled but not yet running, so awaiting the timers waits only for
        // what runs now (a sweep resuming an apply), not for the next poll.
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timers = t;
        metrics.pool(work, "cutover-work");
        metrics.pool(blocking, "cutover-blocking");
        metrics.pool(timers, "cutover-timer");
        PairCatalog pairs = PairCatalogs.of(p.config().pairs());
        // Alerts: queue and scaling monitors, the cutover watch (the swaps' listener), /cutover status.
        this.alerts = p.alerts()
                .map(ports -> new AlertWiring(
                        p.config(), ports, p.notifier(), pairs, p.dns(), p.store(), p.clock(), timers, blocking));
        SwapListener listener = alerts.map(AlertWiring::listener).orElse(applied -> {});
        SwapWiring swaps = SwapWiring.build(
                pairs,
                p.dns(),
                p.store(),
                p.audit(),
                p.directory(),
                p.notifier(),
                p.clock(),
                RequestIds::next,
                p.insyncTimeout(),
                listener,
                this::later);
        this.workflow = swaps.workflow();
        commands.addAll(swaps.commands());
        actions.addAll(swaps.actions());
        // Shifts: only when a pair has traffic: with a backend this build drives.
        // The shift store lives beside the approval store itself, not beside its metered wrapper.
        this.shifts = ShiftWiring.build(
                p,
                unmeasured.store(),
                pairs,
                alerts.<GuardAlarms>map(a -> a.monitors().alarms()).orElse(GuardAlarms.NONE));
        // A swap refused because a shift holds its pair names that shift.
        shifts.ifPresent(s -> swaps.approvals().describeOtherChanges(id -> s.service()
                .get(id)
                .<Refusal>map(sh -> new Refusal.ShiftBusy(sh.pair(), sh.id(), sh.stateWord(), sh.requester()))));
        // Alarms of a pair go into its open shift's thread too; guard alarms may start a rollback.
        alerts.ifPresent(a -> {
            shifts.ifPresent(s -> a.monitors().alarms().shiftThreads(s.threads()));
            shifts.ifPresent(s -> a.monitors().status().shifts(() -> s.service().shown(pairs.names()), p.clock()));
            a.monitors().alarms().rollbacks(new AlarmRollbacks(workflow, blocking, p.notifier()));
        });
        shifts.ifPresent(s -> {
            commands.add(s.command());
            actions.addAll(s.actions());
        });
        JobWiring.Jobs jobs =
                JobWiring.build(p.config(), p.jobs(), p.notifier(), p.clock(), p.directory(), instanceId());
        this.scheduling = jobs.scheduling();
        // A pause or resume answers only the user; the Homes show it too.
        commands.add(home.<ChatCommand>map(h -> h.watching(jobs.command())).orElse(jobs.command()));
        alerts.ifPresent(a -> {
            commands.addAll(a.commands());
            actions.addAll(a.actions(swaps.replies()));
        });
        commands.replaceAll(metrics::command);
        home.ifPresent(h -> h.show(new HomeDashboard(
                new HomeDashboard.Sources(
                        pairs,
                        p.dns(),
                        p.store(),
                        new FourEyes(p.directory()),
                        pair -> shifts.flatMap(s -> s.service().shown(pair)),
                        pair -> alerts.flatMap(a -> a.monitors().watch().threadOf(pair)),
                        scheduling.specs(),
                        scheduling.history(),
                        scheduling.scheduler(),
                        job -> p.jobs()
                                .locks()
                                .holder(job.lockName())
                                .map(l -> new HomeData.Running(l.owner(), l.fencingToken())),
                        alerts.map(AlertWiring::incidents).orElse(List.of())),
                p.clock())));
    }

    /** {@code p} whose channel posts and edits, job runs and job locks re-publish the Homes of recent viewers. */
    private static BotPorts watched(BotPorts p, HomeWiring home) {
        return new BotPorts(
                p.config(),
                p.clock(),
                p.dns(),
                p.store(),
                p.audit(),
                home.watching(p.notifier()),
                p.directory(),
                home.watching(p.jobs()),
                p.alerts(),
                p.insyncTimeout(),
                p.forwardRules(),
                p.home());
    }

    /** The App Home, when the ports have one. */
    public Optional<HomeWiring> home() {
        return home;
    }

    private static BotPorts measured(BotPorts p, BotMetrics m) {
        return new BotPorts(
                p.config(),
                p.clock(),
                p.dns(),
                m.store(p.store(), p.clock()),
                p.audit(),
                p.notifier(),
                p.directory(),
                m.jobs(p.jobs()),
                p.alerts().map(m::alerts),
                p.insyncTimeout(),
                p.forwardRules(),
                p.home());
    }

    private static String instanceId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "cutover-" + ProcessHandle.current().pid();
        }
    }

    /**
     * Starts the background work: the scheduler (triggers synced with the config), the sweep that
     * expires overdue requests, and the monitors.
     *
     * @throws IllegalStateException when the scheduler cannot start (e.g. its database is down)
     */
    public void start() {
        try {
            scheduling.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
        startExpirySweep(Duration.ofSeconds(30));
        startShiftSweep();
        startMonitors();
    }

    /**
     * Sweeps the shifts at once and then every few seconds: bakes whose stored deadline passed,
     * health past a threshold, writes a stopped replica left (see {@link ShiftRunner#sweep}). The
     * timers are the stored deadlines; on shutdown only a weight write still in flight is handed
     * back (see {@link #close(Duration)}).
     */
    public void startShiftSweep() {
        shifts.ifPresent(s -> timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        s.runner().sweep();
                    } catch (RuntimeException e) {
                        log.warn("shift sweep failed: {}", e.toString());
                    }
                },
                0,
                s.sweepEvery().toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** The shift feature, when a pair has traffic. */
    public Optional<ShiftService> shifts() {
        return shifts.map(ShiftWiring::service);
    }

    /**
     * Runs a command's or click's follow-up (the work after the ack) on the bot's work pool ({@code
     * slack.workers} threads, {@code slack.workQueue} waiting).
     *
     * @throws java.util.concurrent.RejectedExecutionException when the queue is full, or after {@link
     *     #close}
     */
    public void execute(Runnable task) {
        inFlight.incrementAndGet();
        try {
            work.execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            if (e instanceof RejectedExecutionException && !work.isShutdown()) {
                metrics.rejected();
            }
            throw e;
        }
    }

    /** The timers that run the request sweep and the monitors' polls (liveness beats on them). */
    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** True once the scheduler started and until it stops (with no jobs configured, too). */
    @Override
    public boolean schedulerStarted() {
        return scheduling.started();
    }

    /** The monitored queues and services whose last successful poll is older than three intervals. */
    @Override
    public List<String> overduePolls() {
        return alerts.map(a -> a.monitors().overdue()).orElse(List.of());
    }

    /** True when no follow-up is running or waiting. */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    /** Runs {@code check} once after {@code delay} on the timer threads; nothing once the bot is closing. */
    private void later(Duration delay, Runnable check) {
        try {
            timers.schedule(check, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.info("bot closing: a later check is not run");
        }
    }

    /** The swap use case, for the cutover watch and tests. */
    public SwapWorkflow workflow() {
        return workflow;
    }

    /** The chat commands, in registration order. */
    public List<ChatCommand> commands() {
        return List.copyOf(commands);
    }

    /** The button handlers. */
    public List<ActionHandler> actions() {
        return List.copyOf(actions);
    }

    /**
     * Sweeps the requests at once and then every {@code period}: expires overdue ones, resumes
     * applies whose owner's lease lapsed, polls changes still propagating (see {@link
     * SwapWorkflow#expireDue}).
     */
    public void startExpirySweep(Duration period) {
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        workflow.expireDue();
                    } catch (RuntimeException e) {
                        log.warn("expiry sweep failed: {}", e.toString());
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The queue, scaling and cutover monitors, when the ports have them. */
    public Optional<AlertMonitors> alerts() {
        return alerts.map(AlertWiring::monitors);
    }

    /** Starts polling the configured queues and services (nothing without monitors). */
    public void startMonitors() {
        alerts.ifPresent(a -> a.monitors().start(timers));
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_BUDGET}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_BUDGET);
    }

    /**
     * Stops within {@code budget}: no new sweeps, polls or follow-ups; the scheduler stops (waiting
     * for running jobs, then stopping them, within {@code scheduler.shutdownTimeout} and the budget)
     * while work in flight goes on; an apply that ends within the budget ends normally. What is still
     * running {@link #HAND_BACK_TIME} before the end of the budget is handed back: each apply's owner
     * lease lapses at once with its change id kept (one log line each), so another replica, or this
     * one's next start, resumes it without waiting for the lease. So is a shift whose weight write
     * this replica still claims: the claim is cleared (one log line each), so another replica's next
     * sweep takes the write over instead of after the 30 s takeover.
     *
     * @param budget how long the whole stop may take
     */
    public void close(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        timers.shutdown();
        work.shutdown();
        home.ifPresent(HomeWiring::close);
        alerts.ifPresent(AlertWiring::close);
        try {
            scheduling.stop(left(deadline).minus(HAND_BACK_TIME));
        } catch (Exception e) {
            log.warn("scheduler did not stop cleanly: {}", e.toString());
        }
        blocking.shutdown();
        if (awaitAll(left(deadline).minus(HAND_BACK_TIME), work, timers)) {
            return;
        }
        // Past the budget: interrupted applies hand themselves back; the rest is handed back here.
        workflow.stopApplying();
        shifts.ifPresent(s -> s.runner().stopWriting());
        int dropped = work.shutdownNow().size();
        timers.shutdownNow();
        awaitAll(max(left(deadline), Duration.ofMillis(100)), work, timers);
        workflow.handBackAll();
        shifts.ifPresent(s -> s.runner().handBackAll());
        if (dropped > 0) {
            log.warn("{} follow-up(s) not started at shutdown", dropped);
        }
    }

    /** How long {@link #close()} takes at most: the wait of earlier versions for an apply. */
    public static final Duration DEFAULT_CLOSE_BUDGET = Duration.ofSeconds(5);

    /** The part of a close's budget kept for handing back what did not finish. */
    static final Duration HAND_BACK_TIME = Duration.ofSeconds(1);

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Waits up to {@code within} for every executor to terminate; true when all did. */
    private static boolean awaitAll(Duration within, ExecutorService... executors) {
        long deadline = System.nanoTime() + Math.max(0, within.toNanos());
        try {
            for (ExecutorService e : executors) {
                if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
