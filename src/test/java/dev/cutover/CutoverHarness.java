package dev.cutover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.app.Bot;
import dev.cutover.app.BotPorts;
import dev.cutover.app.HomePorts;
import dev.cutover.app.JobTargets;
import dev.cutover.app.JobWiring;
import dev.cutover.app.SlackWiring;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.chat.slack.SlackTestHttp;
import dev.cutover.chat.slack.SlackTestSigner;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.ops.BotMetrics;
import dev.cutover.ops.OpsMetrics;
import dev.cutover.redis.RedisApprovalStore;
import dev.cutover.redis.RedisAuditLog;
import dev.cutover.redis.RedisHomeViewers;
import dev.cutover.redis.RedisPublishBudget;
import dev.cutover.redis.TestRedis;
import dev.cutover.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A bot built from real parts (config parsed from YAML, Route 53 client, Redis store and audit,
 * Slack SDK, Undertow server), with WireMock as Slack and as Route 53, and requests signed the way
 * Slack signs them and POSTed over HTTP.
 */
final class CutoverHarness implements AutoCloseable {
    static final String SECRET = SlackTestSigner.TEST_SIGNING_SECRET;
    static final String CHANNEL = "C0000000001";
    static final String OTHER_CHANNEL = "C0000000077";
    static final String REQUESTER = "U0000000001";
    static final String APPROVER = "U0000000002";
    static final String OUTSIDER = "U0000000009";
    static final String GROUP = "S0000000001";
    static final String PAIR = "blue-green";
    static final Duration INSYNC_TIMEOUT = Duration.ofSeconds(2);
    /** The least time between two re-publishes of one user's Home. */
    static final Duration HOME_INTERVAL = Duration.ofSeconds(1);

    /**
     * The usual pair: one approval, blue/green in the test zone, requests only in {@link #CHANNEL};
     * with {@code breakGlass} the requester is an approver too.
     */
    static String pair(String name, String expiry, boolean breakGlass) {
        StringBuilder approvers = new StringBuilder(APPROVER + ", " + GROUP);
        for (int i = 1; i <= 20; i++) {
            approvers.append(", ").append(approver(i));
        }
        if (breakGlass) {
            // Break-glass lets an approver approve their own request: the requester is one here.
            approvers.append(", ").append(REQUESTER);
        }
        return """
                  - name: %s
                    zoneId: /hostedzone/${ZONE_ID:-%s}
                    blue: Blue.example.com
                    green: green.example.com.
                    channels: [%s]
                    approvers: [%s]
                    expiry: %s
                    breakGlass: %s
                """
                .formatted(name, Route53Fake.ZONE, CHANNEL, approvers, expiry, breakGlass);
    }

    /** The i-th of 20 extra approvers (1-based). */
    static String approver(int i) {
        return "U000000A%02d".formatted(i);
    }

    final SlackFake slack;
    final Route53Fake route53;
    final MutableClock clock = new MutableClock(Instant.now());
    final String prefix;
    final RedisApprovalStore store;
    final RedisAuditLog audit;
    final AwsClients aws;
    final Bot bot;
    /** The bot's meters, as the ops port serves them. */
    final OpsMetrics metrics = new OpsMetrics();

    final SlackWiring slackWiring;
    final SlackHttpServer server;
    final SlackTestHttp http;
    private final SlackTestSigner signer = new SlackTestSigner(SECRET);
    private final AtomicInteger seq = new AtomicInteger();

    CutoverHarness(SlackFake slack, Route53Fake route53, String pairsYaml) {
        this(slack, route53, pairsYaml, TestRedis.client(), "", TestRedis.newPrefix());
    }

    /** A bot over the Redis keys under {@code prefix}: two harnesses with one prefix are two replicas. */
    CutoverHarness(SlackFake slack, Route53Fake route53, String pairsYaml, String prefix) {
        this(slack, route53, pairsYaml, TestRedis.client(), "", prefix);
    }

    /** The harness over {@code redis} instead of the shared test Redis (e.g. one the test pauses). */
    CutoverHarness(SlackFake slack, Route53Fake route53, String pairsYaml, RedisClient redis) {
        this(slack, route53, pairsYaml, redis, "", TestRedis.newPrefix());
    }

    /** @param slackYaml more keys of the {@code slack:} section, each line indented by two spaces */
    CutoverHarness(SlackFake slack, Route53Fake route53, String pairsYaml, RedisClient redis, String slackYaml) {
        this(slack, route53, pairsYaml, redis, slackYaml, TestRedis.newPrefix());
    }

    private CutoverHarness(
            SlackFake slack,
            Route53Fake route53,
            String pairsYaml,
            RedisClient redis,
            String slackYaml,
            String prefix) {
        this.prefix = prefix;
        this.slack = slack;
        this.route53 = route53;
        String yaml =
                """
                # the test config, parsed like a file
                slack:
                  mode: http
                  botToken: ${SLACK_BOT_TOKEN:-xoxb-test}
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  httpPort: 0
                  apiBaseUrl: %s
                %s
                aws:
                  region: us-east-1
                  endpointOverride: %s
                pairs:
                %s"""
                        .formatted(slack.apiBase(), slackYaml, route53.endpoint(), pairsYaml);
        Map<String, String> env = Map.of("SLACK_SIGNING_SECRET", SECRET);
        CutoverConfig config = new ConfigLoader(new EnvInterpolator(env::get)).parse("test.yml", yaml);
        this.store = new RedisApprovalStore(redis, prefix);
        this.audit = new RedisAuditLog(redis, prefix);
        this.aws = AwsClients.create(
                config.aws(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST", "test-secret")),
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .circuitBreakerEnabled(false)
                        .build());
        this.slackWiring = new SlackWiring(
                config.slack().apiBaseUrl(),
                Objects.requireNonNullElse(config.slack().botToken(), ""),
                Objects.requireNonNullElse(config.slack().signingSecret(), ""),
                clock,
                Duration.ofMillis(50));
        this.bot = new Bot(
                new BotPorts(
                        config,
                        clock,
                        new Route53DnsRecords(aws.route53(), Duration.ofMillis(50)),
                        store,
                        audit,
                        slackWiring.notifier(),
                        slackWiring.directory(),
                        JobWiring.inProcess(config, clock, JobTargets.withoutAws()),
                        Optional.empty(),
                        INSYNC_TIMEOUT,
                        Optional.empty(),
                        Optional.of(new HomePorts(
                                slackWiring.home(),
                                new RedisHomeViewers(redis, prefix),
                                new RedisPublishBudget(redis, prefix),
                                HOME_INTERVAL))),
                new BotMetrics(metrics.registry()));
        this.server = new SlackHttpServer(
                slackWiring.app(bot),
                new SlackSignatureVerifier(SECRET, Clock.systemUTC()),
                "127.0.0.1",
                0,
                SlackHttpServer.DEFAULT_PATH);
        server.start();
        this.http = new SlackTestHttp("http://127.0.0.1:" + server.port());
    }

    /** A slash command as Slack posts it; its response_url is {@code /response/<returned name>}. */
    Sent command(String command, String text, String user, String channel) {
        String responseName = "cmd-" + seq.incrementAndGet();
        byte[] body =
                SlackRequestBodies.command(command, text, user, channel, slack.responseUrl(responseName), responseName);
        return new Sent(responseName, post(body, Map.of()));
    }

    Sent swap(String text, String user) {
        return command("swap", text, user, CHANNEL);
    }

    /** A button click on the request message, as a block_actions payload. */
    Sent click(String actionId, String requestId, String user) {
        return click(actionId, requestId, user, Map.of());
    }

    Sent click(String actionId, String requestId, String user, Map<String, String> extraHeaders) {
        String responseName = "click-" + seq.incrementAndGet();
        return new Sent(responseName, post(clickBody(actionId, requestId, user, responseName), extraHeaders));
    }

    /** A click on {@code actionId} for {@code requestId} on {@code user}'s App Home (no response_url). */
    HttpResponse<String> homeClick(String actionId, String requestId, String user) {
        return post(SlackRequestBodies.homeClick(actionId, requestId, user), Map.of());
    }

    /** {@code user} opens the bot's Home tab, as Slack's Events API posts it (JSON, signed). */
    HttpResponse<String> homeOpened(String user) {
        return postEvent(SlackRequestBodies.homeOpened(user, "Ev" + seq.incrementAndGet()));
    }

    /** An Events API request (JSON), signed as Slack signs it. */
    HttpResponse<String> postEvent(byte[] json) {
        return http.postJson(
                SlackHttpServer.DEFAULT_PATH, json, signer.headers(Instant.now().getEpochSecond(), json));
    }

    byte[] clickBody(String actionId, String requestId, String user, String responseName) {
        return SlackRequestBodies.click(
                actionId, requestId, user, CHANNEL, slack.responseUrl(responseName), responseName);
    }

    /** Submits the modal that the newest views.open opened, with {@code reason} typed. */
    Sent submitModal(String user, String reason) {
        var opens = slack.calls("views.open");
        var view = SlackFake.json(opens.get(opens.size() - 1).get("view"));
        ObjectNode p = SlackFake.JSON.createObjectNode();
        p.put("type", "view_submission");
        p.putObject("team").put("id", "T0000000001").put("domain", "example");
        SlackRequestBodies.from(p, user);
        p.put("trigger_id", "5555.6666.modal");
        ObjectNode v = p.putObject("view");
        v.put("id", "V0000000001");
        v.put("team_id", "T0000000001");
        v.put("type", "modal");
        v.set("blocks", view.path("blocks"));
        v.put("private_metadata", view.path("private_metadata").asText());
        v.put("callback_id", view.path("callback_id").asText());
        v.putObject("state")
                .putObject("values")
                .putObject("reason")
                .putObject("text")
                .put("type", "plain_text_input")
                .put("value", reason);
        v.put("hash", "1700000010.abcd");
        v.set("title", view.path("title"));
        v.put("app_id", "A0000000001");
        v.put("bot_id", "B0000000001");
        p.putArray("response_urls");
        String name = "modal-" + seq.incrementAndGet();
        return new Sent(name, post(SlackTestSigner.interactivePayloadForm(p.toString()), Map.of()));
    }

    HttpResponse<String> post(byte[] body, Map<String, String> extraHeaders) {
        return postSignedAt(Instant.now().getEpochSecond(), body, extraHeaders);
    }

    HttpResponse<String> postSignedAt(long timestamp, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(signer.headers(timestamp, body));
        headers.putAll(extraHeaders);
        return http.postForm(SlackHttpServer.DEFAULT_PATH, body, headers);
    }

    static String enc(String s) {
        return SlackRequestBodies.enc(s);
    }

    @Override
    public void close() {
        server.close();
        bot.close();
        slackWiring.close();
        aws.close();
        metrics.close();
        TestRedis.deleteAll(prefix);
    }

    /** A request posted: the name of its response_url and the HTTP answer (the ack). */
    record Sent(String responseName, HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        /** The ack body's text (ephemeral replies to slash commands come back in the ack). */
        String ackText() {
            String body = response.body();
            return body == null || body.isBlank() ? "" : SlackFake.allText(SlackFake.json(body));
        }
    }
}
