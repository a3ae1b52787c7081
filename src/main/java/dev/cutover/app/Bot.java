package dev.cutover.app;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.cutover.alert.AlertMonitors;
import dev.cutover.chat.slack.CoalescingMessageUpdater;
import dev.cutover.chat.slack.SlackBot;
import dev.cutover.chat.slack.SlackCatchAlls;
import dev.cutover.chat.slack.SlackDirectory;
import dev.cutover.chat.slack.SlackNotifier;
import dev.cutover.chat.slack.SlackWebApi;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapListener;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.jobs.JobPorts;
import dev.cutover.jobs.Scheduling;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's object graph, built with plain constructors from its parts: the Bolt app with every
 * command and button registered, over the given DNS, store, audit log and Slack client. The HTTP
 * server, Socket Mode and the sandbox console all drive this same app.
 */
public final class Bot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    /**
     * What varies between production, tests and the sandbox.
     *
     * @param config the loaded config
     * @param clock the clock for expiry and audit times
     * @param dns Route 53 (or the sandbox's)
     * @param store the approval store
     * @param audit the audit log
     * @param slack the Slack SDK instance, its Web API base URL set
     * @param signingSecret the secret Slack signs requests with (HTTP mode, the sandbox), or null
     * @param insyncTimeout how long an apply waits for INSYNC
     * @param updateInterval the least time between two chat.update calls of one message
     * @param jobs where job locks, fire claims and history live and how job targets are made (see
     *     {@link JobWiring})
     * @param alerts what the queue/scaling/cutover monitors read ({@link AlertWiring#aws}); empty
     *     for no monitors
     */
    public record Parts(
            CutoverConfig config,
            Clock clock,
            DnsRecords dns,
            ApprovalStore store,
            AuditLog audit,
            Slack slack,
            String signingSecret,
            Duration insyncTimeout,
            Duration updateInterval,
            JobPorts jobs,
            Optional<AlertPorts> alerts) {}

    private final App app;
    private final SwapWorkflow workflow;
    private final ExecutorService work;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final CoalescingMessageUpdater updater;
    private final ScheduledExecutorService timers;
    private final List<ChatCommand> commands = new ArrayList<>();
    private final Scheduling scheduling;
    private final Optional<AlertWiring> alerts;

    /** Builds the graph; starts nothing but the executors. */
    public Bot(Parts p) {
        this.work = Executors.newFixedThreadPool(8, Threads.named("cutover-work"));
        this.timers = Executors.newScheduledThreadPool(4, Threads.named("cutover-timer"));
        String token = p.config().slack().botToken();
        SlackWebApi api = new SlackWebApi(p.slack(), token == null ? "" : token);
        this.updater = new CoalescingMessageUpdater(api, timers, p.updateInterval());
        Notifier notifier = new SlackNotifier(api, updater);
        SlackDirectory directory = new SlackDirectory(api, p.clock(), Duration.ofMinutes(5));
        PairCatalog pairs = PairCatalogs.of(p.config().pairs());
        ApprovalStore store = p.store();
        // Alerts: queue and scaling monitors, the cutover watch (the swaps' listener), /cutover status.
        this.alerts = p.alerts()
                .map(ports ->
                        new AlertWiring(p.config(), ports, notifier, pairs, p.dns(), store, p.clock(), timers, work));
        SwapListener listener = alerts.map(AlertWiring::listener).orElse(applied -> {});
        SwapWiring swaps = SwapWiring.build(
                pairs,
                p.dns(),
                store,
                p.audit(),
                directory,
                notifier,
                p.clock(),
                RequestIds::next,
                p.insyncTimeout(),
                listener);
        this.workflow = swaps.workflow();
        commands.addAll(swaps.commands());
        JobWiring.Jobs jobs = JobWiring.build(p.config(), p.jobs(), notifier, p.clock(), directory, instanceId());
        this.scheduling = jobs.scheduling();
        commands.add(jobs.command());
        List<ActionHandler> actions = new ArrayList<>(swaps.actions());
        alerts.ifPresent(a -> {
            commands.addAll(a.commands());
            actions.addAll(a.actions(swaps.replies()));
        });
        this.app = new App(AppConfig.builder()
                .singleTeamBotToken(token)
                .signingSecret(p.signingSecret())
                .slack(p.slack())
                // SlackHttpServer verifies signatures on the raw bytes first; Bolt's own check hashes
                // with the JVM default charset and accepts future timestamps.
                .requestVerificationEnabled(false)
                .build());
        new SlackBot(app, this::execute, api).register(commands, actions);
        registerCatchAlls(app, p.config().slack().apiBaseUrl());
    }

    /**
     * Registers the catch-all middleware. Bolt checks the bot token with auth.test when the first
     * middleware is added, and calls any failure, even a network one, "The token is invalid": say
     * which it was, and where.
     */
    private static void registerCatchAlls(App app, String apiBaseUrl) {
        try {
            SlackCatchAlls.register(app);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int at = m.indexOf("(error: ");
            String why = at >= 0 ? m.substring(at + 8, m.length() - (m.endsWith(")") ? 1 : 0)) : m;
            throw new IllegalStateException("could not check the bot token with auth.test at " + apiBaseUrl + ": "
                    + (why.equals("invalid_auth") || why.equals("not_authed")
                            ? why + " (the bot token is wrong)"
                            : why));
        }
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
     * Starts the background work: the scheduler (triggers synced with the config) and the sweep that
     * expires overdue requests.
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
        startMonitors();
    }

    private void execute(Runnable task) {
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

    /**
     * Waits until no command follow-up, click or message update is running or waiting: how the
     * sandbox console knows the bot has said all it will say about a line.
     *
     * @return true when idle, false when still busy after {@code timeout}
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 || !updater.idle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // A short park: the sandbox is interactive, and polling two counters costs nothing.
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    /** The Bolt app with every handler registered. */
    public App app() {
        return app;
    }

    /** The swap workflow, for the cutover watch and tests. */
    public SwapWorkflow workflow() {
        return workflow;
    }

    /** The registered commands. */
    public List<ChatCommand> commands() {
        return List.copyOf(commands);
    }

    /** Expires overdue requests every {@code period}, showing them as expired. */
    public void startExpirySweep(Duration period) {
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        workflow.expireDue();
                    } catch (RuntimeException e) {
                        log.warn("expiry sweep failed: {}", e.toString());
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The queue, scaling and cutover monitors, when the parts have monitoring. */
    public Optional<AlertMonitors> alerts() {
        return alerts.map(AlertWiring::monitors);
    }

    /** Starts polling the configured queues and services (nothing without monitoring). */
    public void startMonitors() {
        alerts.ifPresent(a -> a.monitors().start(timers));
    }

    /** Stops the executors, waiting up to 10 s for running work (an apply in progress) to end. */
    @Override
    public void close() {
        try {
            scheduling.stop();
        } catch (Exception e) {
            log.warn("scheduler did not stop cleanly: {}", e.toString());
        }
        alerts.ifPresent(AlertWiring::close);
        timers.shutdown();
        work.shutdown();
        try {
            if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn(
                        "work still running at shutdown: {} task(s) abandoned",
                        work.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
