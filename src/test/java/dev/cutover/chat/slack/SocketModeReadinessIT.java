package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.ops.Liveness;
import dev.cutover.ops.OpsServer;
import dev.cutover.ops.Readiness;
import dev.cutover.testing.OpsHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness over a real Socket Mode link ({@link FakeSocketModeServer}): ready while Slack answers,
 * 503 naming {@code slack} once the server stops answering pings and no new link can be opened, and
 * ready again when Slack comes back.
 */
class SocketModeReadinessIT extends SocketModeFixture {
    @Test
    void readinessIs503WhileTheLinkIsSilentAndReadyAgainAfterTheReconnect() {
        Readiness readiness = new Readiness(Duration.ofMillis(100), Duration.ofMillis(500));
        readiness.add("slack", runner::linkProblem);
        try (readiness;
                OpsServer server = new OpsServer("127.0.0.1", 0, new Liveness(), readiness, () -> "")) {
            server.start();
            readiness.start();
            OpsHttp ops = new OpsHttp(server.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> ops.get("/readyz").statusCode() == 200);

            // Slack goes quiet (no pong) and apps.connections.open fails: no link can replace it.
            slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN)).willReturn(serviceUnavailable()));
            socketMode.goSilent();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                var r = ops.get("/readyz");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("\"slack\":\"no Socket Mode link (reconnecting)\"");
            });

            slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN)).willReturn(okJson(connectionsOpenOk())));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> ops.get("/readyz").statusCode() == 200);
            slashCommandIsHandledAndAcked();
        }
    }
}
