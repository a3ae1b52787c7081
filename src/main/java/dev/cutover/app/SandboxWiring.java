package dev.cutover.app;

import dev.cutover.alert.AlarmEvents;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.chat.text.PlainTextRenderer;
import dev.cutover.commands.ChatCommand;
import dev.cutover.config.AlarmSettings;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.RedisSettings;
import dev.cutover.config.SlackSettings;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.config.TrafficConfig;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryForwardRules;
import dev.cutover.memory.InMemoryHomeViewers;
import dev.cutover.memory.InMemoryPublishBudget;
import dev.cutover.ops.BotMetrics;
import dev.cutover.ops.OpsMetrics;
import dev.cutover.ops.SlackCallMetrics;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.sandbox.SandboxAutoScalingClient;
import dev.cutover.sandbox.SandboxCloudWatchClient;
import dev.cutover.sandbox.SandboxEcsClient;
import dev.cutover.sandbox.SandboxMetrics;
import dev.cutover.sandbox.SandboxRoute53Client;
import dev.cutover.sandbox.SandboxSlackApi;
import dev.cutover.sandbox.SandboxSqsClient;
import dev.cutover.sandbox.SlackListener;
import dev.cutover.sandbox.console.ConsoleTarget;
import dev.cutover.sandbox.console.SandboxConsole;
import dev.cutover.sandbox.console.SignedSlackRequests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bot on one machine without Slack or AWS: a simulated AWS account, an in-process Slack
 * Web API, the in-process store, and the real bot behind its real HTTP server, driven by the
 * sandbox console. The console's requests are signed and sent over loopback exactly as Slack sends
 * them, so the sandbox runs the production code path.
 */
public final class SandboxWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxWiring.class);

    /** The sandbox re-publishes a Home at most this often: quick enough to watch it follow a click. */
    static final int SANDBOX_HOME_SECONDS = 2;

    static final Duration SANDBOX_HOME_INTERVAL = Duration.ofSeconds(SANDBOX_HOME_SECONDS);

    private final CutoverConfig config;
    private final SandboxRoute53Client route53;
    private final SandboxSlackApi slackApi;
    private final SandboxMetrics metrics;
    private final SlackWiring slack;
    private final Bot bot;
    private final SlackHttpServer server;
    private final String secret;
    private final OpsMetrics opsMetrics = new OpsMetrics();
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final @Nullable OpsWiring ops;

    /**
     * Starts the sandbox.
     *
     * @param userConfig the pairs, users and groups to use (the built-in config, or the user's file)
     * @param listener hears everything the bot sends to "Slack"
     */
    public SandboxWiring(CutoverConfig userConfig, Clock clock, SlackListener listener) {
        this(userConfig, clock, listener, SANDBOX_HOME_INTERVAL);
    }

    /**
     * As above, re-publishing each user's Home at most once per {@code homeInterval} ({@link
     * HomePorts#DEFAULT_INTERVAL} paces it as {@code serve} does).
     */
    public SandboxWiring(CutoverConfig userConfig, Clock clock, SlackListener listener, Duration homeInterval) {
        this.secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        this.slackApi = new SandboxSlackApi(listener, userConfig.sandbox().groups());
        slackApi.start();
        // No alarm queue: the console's `alarm` command hands the changes to the same handling.
        this.config = userConfig
                .with(
                        userConfig
                                .slack()
                                .with(SlackSettings.Mode.HTTP, "xoxb-sandbox", secret, 0, slackApi.apiBaseUrl()),
                        new RedisSettings(null))
                .withAlarms(new AlarmSettings(null, userConfig.alarms().routes()));
        this.metrics = SandboxMetrics.seeded(clock);
        this.route53 = seed(SandboxAccount.route53(clock, config.sandbox().insyncDelay()), config);
        this.slack = new SlackWiring(slackApi.apiBaseUrl(), "xoxb-sandbox", secret, clock, Duration.ZERO);
        slack.listen(new SlackCallMetrics(opsMetrics.registry()));
        this.bot = new Bot(
                new BotPorts(
                        config,
                        clock,
                        new Route53DnsRecords(route53, Duration.ofMillis(200)),
                        store,
                        new InMemoryAuditLog(),
                        slack.notifier(),
                        slack.directory(),
                        JobWiring.inProcess(config, clock, JobTargets.withoutAws()),
                        Optional.of(AlertWiring.aws(
                                new SandboxSqsClient(metrics),
                                new SandboxCloudWatchClient(metrics),
                                new SandboxEcsClient(metrics),
                                new SandboxAutoScalingClient(metrics),
                                AlertWiring.inMemoryStores(),
                                clock)),
                        Duration.ofSeconds(30),
                        Optional.of(new InMemoryForwardRules()),
                        Optional.of(new HomePorts(
                                slack.home(), new InMemoryHomeViewers(), new InMemoryPublishBudget(), homeInterval))),
                new BotMetrics(opsMetrics.registry()));
        this.server = new SlackHttpServer(
                slack.app(bot),
                new SlackSignatureVerifier(secret, clock),
                "127.0.0.1",
                0,
                SlackHttpServer.DEFAULT_PATH);
        server.start();
        bot.start();
        this.ops = startOps();
    }

    /**
     * The ops endpoints on {@code ops.port}, as in serve; a busy port is one warning and the
     * sandbox runs without them (two sandboxes on one machine are normal, two servers are not).
     */
    private @Nullable OpsWiring startOps() {
        OpsWiring o = new OpsWiring("127.0.0.1", config.ops().port(), config, bot, opsMetrics);
        o.slackLink(OpsWiring.whether(server::listening, "the Slack HTTP server is not listening"));
        o.countOpenRequests(store, config, opsMetrics);
        try {
            o.start();
            return o;
        } catch (IllegalStateException e) {
            log.warn("{}; the sandbox runs without /healthz, /readyz and /metrics", e.getMessage());
            o.close();
            return null;
        }
    }

    /** The ops port, when the ops endpoints are up. */
    public OptionalInt opsPort() {
        return ops == null ? OptionalInt.empty() : OptionalInt.of(ops.port());
    }

    /**
     * Starts a sandbox for {@code config} and runs the console over {@code in} until it ends.
     *
     * @param script echo lines and stop at the first failure
     * @return the exit status: 0 when every step succeeded
     */
    public static int runConsole(CutoverConfig config, BufferedReader in, PrintStream out, boolean script)
            throws IOException {
        return runConsole(config, in, out, script, false);
    }

    /**
     * As above; with {@code productionPacing}, Homes are re-published as {@code serve} paces them
     * (once per user per {@link HomePorts#DEFAULT_INTERVAL}) rather than every {@value
     * #SANDBOX_HOME_SECONDS} s, so {@code slack-calls} shows production's call rates.
     */
    public static int runConsole(
            CutoverConfig config, BufferedReader in, PrintStream out, boolean script, boolean productionPacing)
            throws IOException {
        SandboxConsole console =
                SandboxConsole.create(config, out, new PlainTextRenderer(SandboxConsole.displayNames(config)));
        Duration home = productionPacing ? HomePorts.DEFAULT_INTERVAL : SANDBOX_HOME_INTERVAL;
        try (SandboxWiring sandbox = new SandboxWiring(config, Clock.systemUTC(), console.screen(), home)) {
            return console.run(sandbox.consoleTarget(), in, script);
        }
    }

    /** What the console drives: the bot's endpoint and controls, the in-process Slack, the account. */
    public ConsoleTarget consoleTarget() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.port() + SlackHttpServer.DEFAULT_PATH);
        return new ConsoleTarget(
                config, new SignedSlackRequests(endpoint, secret), slackApi, route53, metrics, new BotControls());
    }

    /** Creates the zones and records of every configured pair the demo account lacks. */
    private static SandboxRoute53Client seed(SandboxRoute53Client r53, CutoverConfig config) {
        for (SwapPairConfig p : config.pairs()) {
            if (!r53.hasZone(p.zoneId())) {
                r53.addZone(p.zoneId(), p.blue().substring(p.blue().indexOf('.') + 1));
            }
            seedRecord(r53, p.zoneId(), p.blue(), p.name() + "-blue");
            seedRecord(r53, p.zoneId(), p.green(), p.name() + "-green");
            if (p.traffic() != null && p.traffic().backend() == TrafficConfig.Backend.ROUTE53_WEIGHTED) {
                seedWeighted(
                        r53,
                        p.zoneId(),
                        p.traffic().name(),
                        p.traffic().blue(),
                        p.traffic().scale());
                seedWeighted(r53, p.zoneId(), p.traffic().name(), p.traffic().green(), 0);
            }
        }
        return r53;
    }

    /** A weighted alias record of a shift's name: all traffic on blue to begin with. */
    private static void seedWeighted(SandboxRoute53Client r53, String zoneId, String name, String setId, long weight) {
        String fqdn = RecordSet.normalizeName(name);
        if (r53.records(zoneId).stream().noneMatch(r -> r.name().equals(fqdn) && setId.equals(r.setIdentifier()))) {
            AliasTarget target = new AliasTarget(
                    SandboxAccount.ALB_ZONE_ID, "dualstack." + setId + ".us-east-1.elb.amazonaws.com.", true);
            r53.putRecord(
                    zoneId,
                    new RecordSet(
                            fqdn,
                            "A",
                            null,
                            List.of(),
                            target,
                            setId,
                            weight,
                            null,
                            "weighted routing (weight " + weight + ")"));
        }
    }

    private static void seedRecord(SandboxRoute53Client r53, String zoneId, String name, String alb) {
        if (r53.records(zoneId).stream().noneMatch(r -> r.name().equals(name))) {
            r53.putRecord(
                    zoneId,
                    RecordSet.alias(
                            name,
                            "A",
                            new AliasTarget(
                                    SandboxAccount.ALB_ZONE_ID,
                                    "dualstack." + alb + "-alb.us-east-1.elb.amazonaws.com.",
                                    true)));
        }
    }

    @Override
    public void close() {
        if (ops != null) {
            ops.stopping();
        }
        server.stop();
        bot.close();
        slack.close();
        slackApi.close();
        if (ops != null) {
            ops.close();
        }
        opsMetrics.close();
    }

    /** The bot's commands, idleness and monitors, as the console asks for them. */
    private final class BotControls implements ConsoleTarget.BotControls {
        @Override
        public List<String> commands() {
            return bot.commands().stream().map(ChatCommand::name).toList();
        }

        @Override
        public boolean awaitIdle(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!bot.idle()
                    || !slack.idle()
                    // Publishes due soon are work in progress; with production pacing a user's next
                    // Home is paced 15 s out, and a script must not wait for it.
                    || !bot.home().map(h -> h.idleWithin(SANDBOX_HOME_INTERVAL)).orElse(true)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                // A short park: the console is interactive, and polling two counters costs nothing.
                LockSupport.parkNanos(5_000_000);
            }
            return true;
        }

        @Override
        public void pollQueues() {
            bot.alerts().ifPresent(m -> m.queues().pollAll());
        }

        @Override
        public void pollServices() {
            bot.alerts().ifPresent(m -> m.scaling().pollAll());
        }

        @Override
        public void alarmMessage(String body) {
            bot.alerts().ifPresent(m -> AlarmEvents.parse(body).ifPresent(m.alarms()::handle));
        }
    }
}
