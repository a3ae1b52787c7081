package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.bolt.App;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SocketModeRunnerIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String APP_TOKEN = "xapp-1-A0000000001-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private FakeSocketModeServer socketMode;
    private SocketModeRunner runner;

    @BeforeEach
    void start() {
        socketMode = new FakeSocketModeServer().startAndWait();
        SlackTestApps.stubAuthTest(slackApi);
        slackApi.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
                .willReturn(okJson("{\"ok\":true,\"url\":\"" + socketMode.url() + "\"}")));
        App app = SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl()));
        app.command("/swap", (req, ctx) -> {
            calls.add("swap:" + req.getPayload().getText());
            return ctx.ack();
        });
        runner = new SocketModeRunner(app, APP_TOKEN);
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> socketMode.connections.get() == 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        runner.stop();
        socketMode.stop(1000);
    }

    private static String resource(String path) {
        return new String(SlackTestSigner.resource(path), UTF_8);
    }

    private static String envelope(String id, String type, String payloadJson) {
        return "{\"envelope_id\":\"" + id + "\",\"type\":\"" + type + "\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":0,\"retry_reason\":\"\",\"payload\":" + payloadJson + "}";
    }

    private void awaitAck(String envelopeId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> socketMode.received.stream().anyMatch(m -> envelopeId.equals(envelopeId(m))));
    }

    private static String envelopeId(String message) {
        try {
            return JSON.readTree(message).path("envelope_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void startupOpensTheConnectionWithTheAppToken() {
        slackApi.verify(2, postRequestedFor(urlPathEqualTo("/api/apps.connections.open")));
    }

    @Test
    void slashCommandEnvelopeRunsTheHandlerAndIsAcked() throws Exception {
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));

        awaitAck("env-0001");
        assertThat(calls).containsExactly("swap:api");
        JsonNode ack = JSON.readTree(socketMode.received.get(0));
        assertThat(ack.path("envelope_id").asText()).isEqualTo("env-0001");
    }

    @Test
    void unhandledEventIsAcked() {
        socketMode.sendToCurrent(
                envelope("env-0002", "events_api", resource("/slack/event-app-home-opened-first-visit.json")));

        awaitAck("env-0002");
    }

    @Test
    void unhandledInteractiveEnvelopeIsAcked() {
        socketMode.sendToCurrent(
                envelope("env-0003", "interactive", resource("/slack/block-actions-from-ephemeral.json")));

        awaitAck("env-0003");
        assertThat(calls).isEmpty();
    }

    @Test
    void unhandledSlashCommandIsAckedAndDoesNotShadowTheRealOne() {
        String rollback = resource("/slack/socket-mode-envelope-slash.json")
                .replace("env-0001", "env-0004")
                .replace("\"/swap\"", "\"/rollback\"");

        socketMode.sendToCurrent(rollback);
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));

        awaitAck("env-0004");
        awaitAck("env-0001");
        assertThat(calls).containsExactly("swap:api");
    }

    @Test
    void reconnectsWhenSlackAsksToDisconnect() {
        socketMode.sendToCurrent("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
                + "\"debug_info\":{\"host\":\"fake-socket-mode\"}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> socketMode.connections.get() == 2);
        slackApi.verify(3, postRequestedFor(urlPathEqualTo("/api/apps.connections.open")));
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));
        awaitAck("env-0001");
    }

    @Test
    void reconnectsWhenTheServerClosesTheConnection() {
        socketMode.closeCurrent();

        // The SDK's session monitor checks every 5 s.
        await().atMost(Duration.ofSeconds(30)).until(() -> socketMode.connections.get() == 2);
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));
        awaitAck("env-0001");
    }

    @Test
    void reconnectsWhenTheConnectionGoesSilent() {
        socketMode.goSilent();

        // Session monitor every 5 s, then up to 3 s waiting for a pong.
        await().atMost(Duration.ofSeconds(30)).until(() -> socketMode.connections.get() == 2);
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));
        awaitAck("env-0001");
    }

    @Test
    void startFailsClearlyWhenTheAppTokenIsRejected() {
        slackApi.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        SocketModeRunner rejected = new SocketModeRunner(
                SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl())), "xapp-1-A0000000001-revoked");

        assertThatThrownBy(rejected::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("xapp-1-A0000000001-revoked");
        rejected.stop();
    }
}
