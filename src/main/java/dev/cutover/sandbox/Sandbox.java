package dev.cutover.sandbox;

import dev.cutover.app.AlertWiring;
import dev.cutover.app.Bot;
import dev.cutover.app.ProductionParts;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.RedisSettings;
import dev.cutover.config.SlackSettings;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.swap.AliasTarget;
import dev.cutover.core.swap.RecordSet;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The whole bot on one machine without Slack or AWS: a simulated AWS account, an in-process Slack
 * Web API, the in-process store, and the real bot behind its real HTTP server. Requests are signed
 * and sent over loopback exactly as Slack sends them, so the sandbox runs the production code path.
 */
public final class Sandbox implements AutoCloseable {
    private final CutoverConfig config;
    private final SandboxRoute53Client route53;
    private final SandboxSlackApi slackApi;
    private final SandboxMetrics metrics;
    private final Bot bot;
    private final SlackHttpServer server;
    private final SlackSignatureVerifier signer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Starts the sandbox.
     *
     * @param userConfig the pairs, users and groups to use (the built-in config, or the user's file)
     * @param listener hears everything the bot sends to "Slack"
     */
    public Sandbox(CutoverConfig userConfig, Clock clock, SlackListener listener) {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        this.slackApi = new SandboxSlackApi(listener, userConfig.sandbox().groups());
        slackApi.start();
        this.config = userConfig.with(
                new SlackSettings(SlackSettings.Mode.HTTP, "xoxb-sandbox", null, secret, 0, slackApi.apiBaseUrl()),
                new RedisSettings(null));
        this.metrics = SandboxMetrics.seeded(clock);
        this.route53 = seed(SandboxAccount.route53(clock, config.sandbox().insyncDelay()), config);
        this.bot = new Bot(new Bot.Parts(
                config,
                clock,
                new Route53DnsRecords(route53, Duration.ofMillis(200)),
                new InMemoryApprovalStore(),
                new InMemoryAuditLog(),
                ProductionParts.slack(slackApi.apiBaseUrl()),
                secret,
                Duration.ofSeconds(30),
                Duration.ZERO,
                null,
                Bot.JobClients.none(),
                Optional.of(AlertWiring.aws(
                        new SandboxSqsClient(metrics),
                        new SandboxCloudWatchClient(metrics),
                        new SandboxEcsClient(metrics),
                        new SandboxAutoScalingClient(metrics),
                        AlertWiring.inMemoryStores(),
                        clock))));
        this.signer = new SlackSignatureVerifier(secret, clock);
        this.server = new SlackHttpServer(bot.app(), signer, "127.0.0.1", 0, SlackHttpServer.DEFAULT_PATH);
        server.start();
        bot.start();
    }

    /** Creates the zones and records of every configured pair the demo account lacks. */
    private static SandboxRoute53Client seed(SandboxRoute53Client r53, CutoverConfig config) {
        for (SwapPairConfig p : config.pairs()) {
            if (!r53.hasZone(p.zoneId())) {
                r53.addZone(p.zoneId(), p.blue().substring(p.blue().indexOf('.') + 1));
            }
            seedRecord(r53, p.zoneId(), p.blue(), p.name() + "-blue");
            seedRecord(r53, p.zoneId(), p.green(), p.name() + "-green");
        }
        return r53;
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

    /**
     * Signs {@code body} as Slack does and POSTs it to the bot's HTTP endpoint.
     *
     * @return the bot's HTTP response (the ack)
     * @throws IOException when the bot cannot be reached
     */
    public HttpResponse<String> send(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + SlackHttpServer.DEFAULT_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SlackSignatureVerifier.TIMESTAMP_HEADER, ts)
                .header(SlackSignatureVerifier.SIGNATURE_HEADER, signer.sign(ts, bytes))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The effective config (Slack pointed at the sandbox). */
    public CutoverConfig config() {
        return config;
    }

    /** The simulated Route 53. */
    public SandboxRoute53Client route53() {
        return route53;
    }

    /** The simulated queues, services and target groups the monitors read. */
    public SandboxMetrics metrics() {
        return metrics;
    }

    /** The in-process Slack Web API. */
    public SandboxSlackApi slack() {
        return slackApi;
    }

    /** The bot. */
    public Bot bot() {
        return bot;
    }

    @Override
    public void close() {
        server.stop();
        bot.close();
        slackApi.close();
    }
}
