package dev.cutover.app;

import com.slack.api.bolt.App;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Route53ChangeBatchJson;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.chat.slack.SocketModeRunner;
import dev.cutover.config.AwsSettings;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SlackSettings;
import dev.cutover.core.dns.ChangeBatchFormat;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.ops.BotMetrics;
import dev.cutover.ops.OpsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a real deployment for the command line: the bot over Route 53, Redis (or in-process) and
 * Slack, behind Socket Mode or the HTTP server; and Route 53 alone for {@code swap plan}.
 */
public final class ProductionWiring {
    private static final Logger log = LoggerFactory.getLogger(ProductionWiring.class);

    private ProductionWiring() {}

    /**
     * Builds and starts the ops server ({@code ops.port}), the bot and its Slack transport ({@code
     * slack.mode}): Socket Mode, or the HTTP server on {@code slack.httpPort}.
     *
     * @return on close, readiness turns 503 at once, then closes the transport, the bot (within
     *     {@code shutdown.grace} less a reserve, see {@link Bot#close(Duration)}) and its clients,
     *     and the ops server last
     * @throws Exception when a part cannot start (the ops port or the Slack port busy, Slack
     *     unreachable, a bad token, the scheduler's database down); what had started is closed again
     */
    public static AutoCloseable serve(CutoverConfig config) throws Exception {
        OpsMetrics metrics = new OpsMetrics();
        ProductionParts parts = new ProductionParts(config, metrics.registry());
        Bot bot = null;
        OpsWiring ops = null;
        AutoCloseable transport = null;
        try {
            bot = new Bot(parts.ports(), new BotMetrics(metrics.registry()));
            ops = new OpsWiring("0.0.0.0", config.ops().port(), config, bot, metrics);
            parts.readiness(ops);
            ops.countOpenRequests(parts.ports().store(), config, metrics);
            ops.start();
            transport = start(config.slack(), parts.slack().app(bot), ops);
            bot.start();
        } catch (Exception | Error e) {
            closeAll(e, transport, bot, parts, ops, metrics);
            throw e;
        }
        AutoCloseable t = transport;
        Bot b = bot;
        OpsWiring o = ops;
        Duration grace = config.shutdown().grace();
        return () -> {
            o.stopping(); // first: load balancers and probes see 503 while the rest stops
            long deadline = System.nanoTime() + botBudget(grace).toNanos();
            // The bot gets what is left of the grace but the last moments, kept for the clients.
            AutoCloseable bounded = () -> b.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (t instanceof SlackHttpServer http) {
                // Acks keep going out ("restarting, try again") while the bot finishes its work.
                http.drain(parts.slack().responses());
                closeAll(null, bounded, http, parts, o, metrics);
            } else {
                // Socket Mode: close the link first, so Slack sends new requests to another replica.
                closeAll(null, t, bounded, parts, o, metrics);
            }
        };
    }

    /**
     * The part of the shutdown grace the bot's own stop may take: the grace less a quarter of it, at
     * most 2 s, kept for closing the transport and the clients before the grace's watchdog.
     */
    static Duration botBudget(Duration grace) {
        Duration reserve = grace.dividedBy(4);
        return grace.minus(reserve.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : reserve);
    }

    /** How a change batch is shown to people: as Route 53's CLI JSON (what {@code aws route53} takes). */
    public static final ChangeBatchFormat CHANGE_BATCH_FORMAT = Route53ChangeBatchJson::render;

    /**
     * Runs {@code use} over Route 53 (the configured region, credentials and endpoint), then closes
     * the AWS clients.
     *
     * @return what {@code use} returned
     */
    public static <T> T withDnsRecords(AwsSettings aws, Function<DnsRecords, T> use) {
        try (AwsClients clients = AwsClients.create(aws)) {
            return use.apply(new Route53DnsRecords(clients.route53()));
        }
    }

    private static AutoCloseable start(SlackSettings s, App app, OpsWiring ops) {
        if (s.mode() == SlackSettings.Mode.HTTP) {
            SlackHttpServer server = SlackHttpServer.create(
                    app, new SlackSignatureVerifier(s.signingSecret(), Clock.systemUTC()), s.httpPort());
            server.start();
            log.info("listening for Slack requests on port {} at {}", server.port(), SlackHttpServer.DEFAULT_PATH);
            ops.slackLink(OpsWiring.whether(server::listening, "the Slack HTTP server is not listening"));
            return server;
        }
        SocketModeRunner runner = new SocketModeRunner(app, s.appToken());
        runner.start();
        ops.slackLink(runner::linkProblem);
        return runner;
    }

    /** Closes each non-null part in order; the first failure is thrown (or added to {@code failure}). */
    private static void closeAll(@Nullable Throwable failure, @Nullable AutoCloseable... parts) throws Exception {
        Exception first = null;
        for (AutoCloseable p : parts) {
            if (p == null) {
                continue;
            }
            try {
                p.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
