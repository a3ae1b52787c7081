package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.bolt.App;
import dev.cutover.core.audit.LogCapture;
import dev.cutover.logging.FormattedLogCapture;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackHttpServerIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final SlackTestSigner SIGNER = new SlackTestSigner(SlackTestSigner.TEST_SIGNING_SECRET);
    private static final String PATH = SlackHttpServer.DEFAULT_PATH;
    private static final List<String> calls = new CopyOnWriteArrayList<>();

    private static SlackHttpServer server;
    private static SlackTestHttp http;

    @BeforeAll
    static void startServer() {
        SlackTestApps.stubAuthTest(slackApi); // Bolt calls auth.test when the app starts
        App app = SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl()));
        app.command("/swap", (req, ctx) -> {
            calls.add("swap:" + req.getPayload().getText());
            return ctx.ack("swapping " + req.getPayload().getText());
        });
        app.command("/boom", (req, ctx) -> {
            calls.add("boom");
            throw new IllegalStateException("handler failed");
        });
        app.blockAction("swap_approve", (req, ctx) -> {
            calls.add("approve:" + req.getPayload().getActions().get(0).getValue() + ":"
                    + req.getPayload().getMessage().getText());
            return ctx.ack();
        });
        SlackSignatureVerifier verifier =
                new SlackSignatureVerifier(SlackTestSigner.TEST_SIGNING_SECRET, Clock.systemUTC());
        server = new SlackHttpServer(app, verifier, "127.0.0.1", 0, PATH);
        server.start();
        http = new SlackTestHttp("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        calls.clear();
        SlackTestApps.stubAuthTest(slackApi);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static HttpResponse<String> postSigned(byte[] body, long timestamp) {
        return http.postForm(PATH, body, SIGNER.headers(timestamp, body));
    }

    @Test
    void signedSlashCommandFixtureRunsTheHandler() {
        byte[] body = SlackTestSigner.resource("/slack/slash-command-swap.form");

        HttpResponse<String> response = postSigned(body, now());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("swapping api");
        assertThat(calls).containsExactly("swap:api");
    }

    @Test
    void blockActionPayloadEncodedAsSlackDoesReachesTheActionHandler() {
        String json = new String(SlackTestSigner.resource("/slack/block-actions-approve.json"), UTF_8);
        byte[] body = SlackTestSigner.interactivePayloadForm(json);
        assertThat(new String(body, UTF_8)).contains("%2ASwap%2A");

        HttpResponse<String> response = postSigned(body, now());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("approve:req-42:*Swap* api requested");
    }

    @Test
    void badSignatureIs401AndTheHandlerDoesNotRun() {
        byte[] body = SlackTestSigner.resource("/slack/slash-command-swap.form");
        long ts = now();
        Map<String, String> headers = Map.of(
                SlackSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts),
                SlackSignatureVerifier.SIGNATURE_HEADER, new SlackTestSigner("wrong-secret").sign(ts, body));

        HttpResponse<String> response = http.postForm(PATH, body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void unsignedRequestIs401() {
        HttpResponse<String> response =
                http.postForm(PATH, SlackTestSigner.resource("/slack/slash-command-swap.form"), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void timestampSixMinutesOldIs401() {
        HttpResponse<String> response =
                postSigned(SlackTestSigner.resource("/slack/slash-command-swap.form"), now() - 360);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("stale timestamp");
        assertThat(calls).isEmpty();
    }

    @Test
    void timestampSixMinutesInTheFutureIs401() {
        HttpResponse<String> response =
                postSigned(SlackTestSigner.resource("/slack/slash-command-swap.form"), now() + 360);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void nonAsciiBodySignedOverItsUtf8BytesIsAccepted() {
        String form = new String(SlackTestSigner.resource("/slack/slash-command-swap.form"), UTF_8)
                .replace("text=api", "text=h\u00e9llo+\u2713");
        byte[] body = form.getBytes(UTF_8);

        HttpResponse<String> response = postSigned(body, now());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("swap:h\u00e9llo \u2713");
    }

    @Test
    void handlerExceptionIs500AndTheServerKeepsServing() {
        String boom = new String(SlackTestSigner.resource("/slack/slash-command-swap.form"), UTF_8)
                .replace("command=%2Fswap", "command=%2Fboom");

        HttpResponse<String> failed = postSigned(boom.getBytes(UTF_8), now());
        HttpResponse<String> next = postSigned(SlackTestSigner.resource("/slack/slash-command-swap.form"), now());

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("internal error");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("boom", "swap:api");
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        byte[] body =
                "{\"token\":\"legacy0001\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
                        .getBytes(UTF_8);

        HttpResponse<String> response = http.postJson(PATH, body, SIGNER.headers(now(), body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void sslCheckIsAnsweredWithoutTheApp() {
        byte[] body = "ssl_check=1&token=legacy0001".getBytes(UTF_8);

        HttpResponse<String> unsigned = http.postForm(PATH, body, Map.of());
        HttpResponse<String> signed = postSigned(body, now());

        assertThat(unsigned.statusCode()).isEqualTo(200);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(calls).isEmpty();
    }

    @Test
    void anUnsignedFormThatOnlyLooksLikeSslCheckIs401() {
        byte[] body = "ssl_check=1&token=legacy0001&command=%2Fswap&text=api".getBytes(UTF_8);

        HttpResponse<String> response = http.postForm(PATH, body, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void aRejectedRequestIsOneBoundedLineWithoutItsBodyAndNeverReachesBoltsParser() {
        String forged = "x\n2026-12-04T21:00:00.000Z INFO  [cutover-work-1] cutover.audit - audit approved blue-green"
                + " by U0EVIL\n";
        byte[] body = (forged + "y".repeat(900_000)).getBytes(UTF_8);
        long ts = now();
        Map<String, String> badlySigned = Map.of(
                SlackSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts),
                SlackSignatureVerifier.SIGNATURE_HEADER, new SlackTestSigner("wrong-secret").sign(ts, body));
        try (FormattedLogCapture log = new FormattedLogCapture();
                LogCapture bolt = new LogCapture("com.slack.api")) {
            for (int i = 0; i < 10; i++) {
                assertThat(http.postForm(PATH, body, badlySigned).statusCode()).isEqualTo(401);
                assertThat(http.postJson(PATH, "{\"type\":\"nonsense\"}".getBytes(UTF_8), Map.of())
                                .statusCode())
                        .isEqualTo(401);
            }

            assertThat(log.text()).doesNotContain("U0EVIL", "yyyy", "nonsense").hasSizeLessThan(2_000);
            assertThat(log.lines())
                    .filteredOn(l -> l.contains("Rejected a Slack request: bad signature"))
                    .isNotEmpty()
                    .allSatisfy(
                            l -> assertThat(l).contains("from 127.0.0.1 to /slack/events (" + body.length + " bytes"));
            assertThat(bolt.events()).isEmpty();
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        HttpResponse<String> response = http.postForm(PATH, new byte[1024 * 1024 + 1], Map.of());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(calls).isEmpty();
    }

    @Test
    void healthzAnswersOk() {
        HttpResponse<String> response = http.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void otherPathsAre404() {
        assertThat(http.get("/slack/other").statusCode()).isEqualTo(404);
    }
}
