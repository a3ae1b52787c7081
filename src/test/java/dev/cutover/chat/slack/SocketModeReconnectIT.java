package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The link comes back whatever breaks it, says so in one INFO line per change, and the bot is not deaf
 * afterwards (a slash command on the new link is handled and acked).
 */
class SocketModeReconnectIT extends SocketModeFixture {

    private void awaitSecondConnection() {
        await().atMost(Duration.ofSeconds(15)).until(() -> socketMode.connections.get() == 2);
        awaitLinkLine("Socket Mode link reconnected after ");
    }

    @Test
    void reconnectsWhenSlackAsksToDisconnect() {
        socketMode.sendToCurrent("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
                + "\"debug_info\":{\"host\":\"fake-socket-mode\"}}");

        awaitSecondConnection();
        slackApi.verify(2, postRequestedFor(urlPathEqualTo(CONNECTIONS_OPEN)));
        assertThat(linkLines())
                .contains("Slack asked to disconnect the Socket Mode link (refresh_requested); reconnecting");
        // The old link is closed with a close frame once the new one is up.
        await().atMost(Duration.ofSeconds(5)).until(() -> socketMode.closeFrames.contains(1000));
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void reconnectsWhenTheServerClosesTheConnection() {
        socketMode.closeCurrent();

        awaitSecondConnection();
        assertThat(linkLines()).contains("Socket Mode link dropped (code 1001: going away); reconnecting");
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void reconnectsWhenTheTcpConnectionDrops() {
        socketMode.dropCurrent();

        awaitSecondConnection();
        assertThat(linkLines()).anySatisfy(line -> assertThat(line).startsWith("Socket Mode link dropped (code 1006"));
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void replacesALinkThatGoesSilent() {
        socketMode.goSilent();

        awaitSecondConnection();
        assertThat(linkLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Socket Mode link silent for ")
                .endsWith(" s (no message, no pong); replacing it"));
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void retriesWhenConnectionsOpenAnswersOkFalseOnce() {
        failConnectionsOpenOnce(okJson("{\"ok\":false,\"error\":\"internal_error\"}"));

        socketMode.closeCurrent();

        awaitSecondConnection();
        assertThat(linkLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Socket Mode reconnect failed: internal_error; next attempt in "));
        assertThat(connectionsOpenCalls()).isEqualTo(3);
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void retriesWhenConnectionsOpenAnswers503() {
        failConnectionsOpenOnce(aResponse().withStatus(503).withBody("upstream unavailable"));

        socketMode.closeCurrent();

        awaitSecondConnection();
        assertThat(linkLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Socket Mode reconnect failed: HTTP 503; next attempt in "));
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void keepsRetryingWhileTheTokenIsRejectedAndSaysSoOnce() {
        slackApi.stubFor(
                post(urlPathEqualTo(CONNECTIONS_OPEN)).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));

        socketMode.closeCurrent();

        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsOpenCalls() >= 6);
        assertThat(runner.connected()).isFalse();
        assertThat(linkLines().stream().filter(line -> line.contains("invalid_auth")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("Socket Mode reconnect failed: Slack rejected the app token (invalid_auth);"
                                + " retrying with back-off, next in "));

        slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN)).willReturn(okJson(connectionsOpenOk())));

        awaitSecondConnection();
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }
}
