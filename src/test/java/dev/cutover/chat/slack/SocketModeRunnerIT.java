package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.logging.FormattedLogCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up, envelopes and shutdown of the Socket Mode link; reconnects are in {@link SocketModeReconnectIT}. */
class SocketModeRunnerIT extends SocketModeFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startupOpensTheConnectionWithTheAppToken() {
        slackApi.verify(1, postRequestedFor(urlPathEqualTo(CONNECTIONS_OPEN)));
        assertThat(linkLines()).containsExactly("Socket Mode link connected");
        assertThat(runner.connected()).isTrue();
    }

    @Test
    void theSdksSessionMonitorIsOffSoItCannotFightTheWatchdog() {
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .contains("slack-link-watchdog")
                .noneMatch(name -> name.contains("session-monitor"));
    }

    @Test
    void slashCommandEnvelopeRunsTheHandlerAndIsAcked() throws Exception {
        slashCommandIsHandledAndAcked();

        JsonNode ack = JSON.readTree(socketMode.received.get(0));
        assertThat(ack.path("envelope_id").asText()).isEqualTo("env-0001");
    }

    @Test
    void unhandledEventIsAcked() {
        socketMode.sendToCurrent(
                envelope("env-0002", "events_api", resource("/slack/event-app-home-opened-first-visit.json")));

        awaitAck("env-0002");
    }

    /**
     * Bolt's own warning for an unhandled request spans a dozen lines of sample listener code; the
     * log gets one line per request instead, in both formats, naming the event type.
     */
    @Test
    void anUnhandledEventOrCommandIsOneLogLineWithoutBoltsCodeSample() {
        try (FormattedLogCapture text = new FormattedLogCapture()) {
            socketMode.sendToCurrent(
                    envelope("env-0005", "events_api", resource("/slack/event-app-home-opened-first-visit.json")));
            socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json")
                    .replace("env-0001", "env-0006")
                    .replace("\"/swap\"", "\"/rollback\""));
            awaitAck("env-0005");
            awaitAck("env-0006");

            for (String out : java.util.List.of(text.text(), jsonLog.text())) {
                assertThat(out)
                        .doesNotContain("registered for", "app.event(", "app.command(", "ctx.ack()")
                        .containsOnlyOnce("No handler for a Event request (app_home_opened); acking it empty")
                        .containsOnlyOnce("No handler for a Command request; acking it empty");
            }
            assertThat(text.lines()).noneMatch(l -> l.startsWith("\t") || l.startsWith(" "));
        }
        assertLogsAreOneLinersWithoutSecrets();
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
    void ackCarriesTheHandlersPayload() throws Exception {
        String help = resource("/slack/socket-mode-envelope-slash.json")
                .replace("env-0001", "env-0005")
                .replace("\"/swap\"", "\"/help\"");

        socketMode.sendToCurrent(help);

        awaitAck("env-0005");
        JsonNode ack = JSON.readTree(socketMode.received.get(0));
        assertThat(ack.path("payload").path("text").asText()).isEqualTo("usage: /swap <pair>");
    }

    @Test
    void closeSendsANormalCloseFrameEveryTime() {
        for (int run = 1; run <= 3; run++) {
            runner.close();

            int closed = run;
            await().atMost(Duration.ofSeconds(2)).until(() -> socketMode.closeFrames.size() == closed);
            assertThat(socketMode.closeFrames.get(run - 1)).isEqualTo(1000);
            assertThat(linkLines()).last().isEqualTo("Socket Mode link closed");

            runner = new SocketModeRunner(app(), APP_TOKEN, FAST);
            runner.start();
        }
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void startReturnsAndKeepsTryingWhenSlackFailsAtStartUp() {
        runner.stop();
        failConnectionsOpenOnce(okJson("{\"ok\":false,\"error\":\"internal_error\"}"));
        runner = new SocketModeRunner(app(), APP_TOKEN, FAST);

        runner.start();

        assertThat(runner.connected()).isFalse();
        assertThat(linkLines())
                .last()
                .asString()
                .startsWith("Socket Mode connect failed: internal_error; next attempt in ");
        await().atMost(Duration.ofSeconds(10)).until(() -> socketMode.connections.get() == 2);
        awaitLinkLine("Socket Mode link connected after ");
        assertThat(runner.connected()).isTrue();
        slashCommandIsHandledAndAcked();
        assertLogsAreOneLinersWithoutSecrets();
    }

    @Test
    void startFailsInOneLineWhenTheAppTokenIsRejected() {
        slackApi.stubFor(
                post(urlPathEqualTo(CONNECTIONS_OPEN)).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        SocketModeRunner rejected = new SocketModeRunner(
                SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl())), "xapp-1-A0000000001-revoked", FAST);

        assertThatThrownBy(rejected::start)
                .isInstanceOf(IllegalStateException.class)
                .hasNoCause()
                .hasMessage("Slack rejected the Socket Mode app token (invalid_auth):"
                        + " check slack.appToken (an xapp- token with connections:write)");
        rejected.stop();
        slackApi.verify(2, postRequestedFor(urlPathEqualTo(CONNECTIONS_OPEN)));
        assertLogsAreOneLinersWithoutSecrets();
    }
}
