package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.bolt.App;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the bot stops (SIGTERM), the HTTP server keeps acking: a command gets a polite "restarting,
 * try again" only its user sees, a click is acked and told the same through its response_url, a
 * modal submission stays open with that as its error, and none reaches the bot's handlers.
 */
class SlackHttpServerDrainIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final SlackTestSigner SIGNER = new SlackTestSigner(SlackTestSigner.TEST_SIGNING_SECRET);

    @Test
    void aDrainingServerAnswersPolitelyAndRunsNoHandler() {
        SlackTestApps.stubAuthTest(slackApi);
        slackApi.stubFor(WireMock.post(urlPathEqualTo("/actions/drain"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        List<String> calls = new CopyOnWriteArrayList<>();
        App app = SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl()));
        app.command("/swap", (req, ctx) -> {
            calls.add("swap");
            return ctx.ack("swapping");
        });
        app.blockAction("swap_approve", (req, ctx) -> {
            calls.add("approve");
            return ctx.ack();
        });
        app.viewSubmission(Pattern.compile(".*"), (req, ctx) -> {
            calls.add("submit");
            return ctx.ack();
        });
        SlackHttpServer server = new SlackHttpServer(
                app,
                new SlackSignatureVerifier(SlackTestSigner.TEST_SIGNING_SECRET, Clock.systemUTC()),
                "127.0.0.1",
                0,
                SlackHttpServer.DEFAULT_PATH);
        ResponsePoster answers = new ResponsePoster(
                new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), "xoxb-test"),
                1,
                10,
                Executors.defaultThreadFactory());
        server.start();
        try {
            SlackTestHttp http = new SlackTestHttp("http://127.0.0.1:" + server.port());
            byte[] command = SlackTestSigner.resource("/slack/slash-command-swap.form");
            byte[] click = SlackTestSigner.interactivePayloadForm(
                    new String(SlackTestSigner.resource("/slack/block-actions-approve.json"), StandardCharsets.UTF_8)
                            .replace(
                                    "https://hooks.slack.com/actions/T0000000001/5555/ijkl",
                                    slackApi.baseUrl() + "/actions/drain"));
            byte[] submit = SlackTestSigner.interactivePayloadForm(MODAL_SUBMISSION);
            assertThat(post(http, command).body()).contains("swapping");

            server.drain(answers);
            HttpResponse<String> commandWhileDraining = post(http, command);
            HttpResponse<String> clickWhileDraining = post(http, click);
            HttpResponse<String> submitWhileDraining = post(http, submit);

            assertThat(commandWhileDraining.statusCode()).isEqualTo(200);
            assertThat(commandWhileDraining.body())
                    .contains("\"response_type\":\"ephemeral\"")
                    .contains("restarting; try again in a moment");
            // The click is acked; the user is told through its response_url, only they see it.
            assertThat(clickWhileDraining.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> slackApi.verify(
                            1,
                            postRequestedFor(urlPathEqualTo("/actions/drain"))
                                    .withRequestBody(containing("\"response_type\":\"ephemeral\""))
                                    .withRequestBody(containing("\"replace_original\":false"))
                                    .withRequestBody(containing(
                                            "cutover is restarting; nothing was done — click again in a moment"))));
            // The modal stays open with what was typed, and says why the submission did nothing.
            assertThat(submitWhileDraining.statusCode()).isEqualTo(200);
            JsonNode errors = JSON.readTree(submitWhileDraining.body());
            assertThat(errors.path("response_action").asText()).isEqualTo("errors");
            assertThat(errors.path("errors").path("reason").asText())
                    .contains("cutover is restarting; nothing was done — submit again in a moment");
            assertThat(calls).containsExactly("swap");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            server.stop();
            answers.close();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Reject modal's submission, as Slack sends it: the typed reason under its input block. */
    private static final String MODAL_SUBMISSION =
            """
            {"type": "view_submission", "team": {"id": "T0000000001", "domain": "example"},
             "user": {"id": "U0000000002", "username": "bob", "name": "bob", "team_id": "T0000000001"},
             "api_app_id": "A0000000001", "token": "legacy0001", "trigger_id": "5555.6666.modal",
             "view": {"id": "V0000000001", "team_id": "T0000000001", "type": "modal", "blocks": [],
                      "private_metadata": "req-42", "callback_id": "swap_reject_reason",
                      "state": {"values": {"reason": {"text": {"type": "plain_text_input", "value": "not now"}}}},
                      "hash": "1700000010.abcd", "title": {"type": "plain_text", "text": "Reject"},
                      "app_id": "A0000000001", "bot_id": "B0000000001"},
             "response_urls": []}
            """;

    private static HttpResponse<String> post(SlackTestHttp http, byte[] body) {
        long now = Instant.now().getEpochSecond();
        return http.postForm(SlackHttpServer.DEFAULT_PATH, body, SIGNER.headers(now, body));
    }

    @Test
    void aPortInUseIsOneClearError() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        SlackSignatureVerifier verifier =
                new SlackSignatureVerifier(SlackTestSigner.TEST_SIGNING_SECRET, Clock.systemUTC());
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            SlackHttpServer server = new SlackHttpServer(
                    SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl())),
                    verifier,
                    "127.0.0.1",
                    taken.getLocalPort(),
                    SlackHttpServer.DEFAULT_PATH);

            org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (slack.httpPort): the port is in use or not allowed");
        }
    }
}
