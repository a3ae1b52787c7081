package dev.cutover.app;

import dev.cutover.alert.AlertMonitors;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapListener;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.core.traffic.ShiftRunner;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.jobs.Scheduling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
public final class Bot implements AutoCloseable {
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
    private final Optional<ShiftWiring> shifts;

    /** Builds the graph; starts nothing but the executors. */
    public Bot(BotPorts p) {
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
        this.timers = Executors.newScheduledThreadPool(4, Threads.named("cutover-timer"));
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
                listener);
        this.workflow = swaps.workflow();
        commands.addAll(swaps.commands());
        actions.addAll(swaps.actions());
        // Shifts: only when a pair has traffic: with a backend this build drives.
        this.shifts = ShiftWiring.build(p, pairs);
        shifts.ifPresent(s -> {
            commands.add(s.command());
            actions.addAll(s.actions());
        });
        JobWiring.Jobs jobs =
                JobWiring.build(p.config(), p.jobs(), p.notifier(), p.clock(), p.directory(), instanceId());
        this.scheduling = jobs.scheduling();
        commands.add(jobs.command());
        alerts.ifPresent(a -> {
            commands.addAll(a.commands());
            actions.addAll(a.actions(swaps.replies()));
        });
    }

    private static String instanceId() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + "-"
                    + ProcessHandle.current().pid();
        } catch (java.net.UnknownHostException e) {
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
     * health past a threshold, writes a stopped replica left (see {@link ShiftRunner#sweep}). On
     * shutdown there is nothing to hand back: the timers are the stored deadlines.
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
            throw e;
        }
    }

    /** True when no follow-up is running or waiting. */
    public boolean idle() {
        return inFlight.get() == 0;
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

    /** Stops the scheduler, the monitors and the executors, waiting up to 5 s for running work (an apply). */
    @Override
    public void close() {
        try {
            scheduling.stop();
        } catch (Exception e) {
            log.warn("scheduler did not stop cleanly: {}", e.toString());
        }
        alerts.ifPresent(AlertWiring::close);
        timers.shutdown();
        blocking.shutdown();
        work.shutdown();
        try {
            if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn(
                        "work still running at shutdown: {} task(s) abandoned",
                        work.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
