package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.bolt.App;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the bot stops (SIGTERM), the HTTP server keeps acking: a command gets a polite "restarting,
 * try again" only its user sees, a click gets 503 so Slack shows it failed, and neither reaches the
 * bot's handlers.
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
        SlackHttpServer server = new SlackHttpServer(
                app,
                new SlackSignatureVerifier(SlackTestSigner.TEST_SIGNING_SECRET, Clock.systemUTC()),
                "127.0.0.1",
                0,
                SlackHttpServer.DEFAULT_PATH);
        server.start();
        try {
            SlackTestHttp http = new SlackTestHttp("http://127.0.0.1:" + server.port());
            byte[] command = SlackTestSigner.resource("/slack/slash-command-swap.form");
            byte[] click = SlackTestSigner.interactivePayloadForm(
                    new String(SlackTestSigner.resource("/slack/block-actions-approve.json"), StandardCharsets.UTF_8));
            assertThat(post(http, command).body()).contains("swapping");

            server.drain();
            HttpResponse<String> commandWhileDraining = post(http, command);
            HttpResponse<String> clickWhileDraining = post(http, click);

            assertThat(commandWhileDraining.statusCode()).isEqualTo(200);
            assertThat(commandWhileDraining.body())
                    .contains("\"response_type\":\"ephemeral\"")
                    .contains("restarting; try again in a moment");
            assertThat(clickWhileDraining.statusCode()).isEqualTo(503);
            assertThat(calls).containsExactly("swap");
        } finally {
            server.stop();
        }
    }

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
