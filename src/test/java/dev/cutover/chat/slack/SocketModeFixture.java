package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.slack.api.bolt.App;
import dev.cutover.core.audit.LogCapture;
import dev.cutover.logging.FormattedLogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link SocketModeRunner} started against {@link FakeSocketModeServer} and a WireMock
 * {@code apps.connections.open}, with its log and the SDK's captured. Bounds are shrunk so that every
 * reconnect happens within a second or two (plus the SDK's 3 s pong wait for a silent link).
 */
abstract class SocketModeFixture {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String APP_TOKEN = "xapp-1-A0000000001-test";
    static final String CONNECTIONS_OPEN = "/api/apps.connections.open";
    static final SocketModeTimings FAST = new SocketModeTimings(
            Duration.ofMillis(50),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofMinutes(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> calls = new CopyOnWriteArrayList<>();
    FakeSocketModeServer socketMode;
    SocketModeRunner runner;
    LogCapture linkLog;
    LogCapture sdkLog;
    /** Everything logged, as the JSON format writes it ({@code CUTOVER_LOG_FORMAT=json}). */
    FormattedLogCapture jsonLog;

    @BeforeEach
    void startRunner() {
        socketMode = new FakeSocketModeServer().startAndWait();
        SlackTestApps.stubAuthTest(slackApi);
        slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN))
                .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
                .willReturn(okJson(connectionsOpenOk())));
        linkLog = new LogCapture(SocketModeRunner.class.getName());
        sdkLog = new LogCapture("com.slack.api");
        jsonLog = FormattedLogCapture.json();
        runner = new SocketModeRunner(app(), APP_TOKEN, FAST);
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> socketMode.connections.get() == 1);
    }

    @AfterEach
    void stopRunner() throws InterruptedException {
        runner.stop();
        socketMode.stop(1000);
        linkLog.close();
        sdkLog.close();
        jsonLog.close();
    }

    App app() {
        App app = SlackTestApps.app(SlackTestApps.slack(slackApi.baseUrl()));
        app.command("/swap", (req, ctx) -> {
            calls.add("swap:" + req.getPayload().getText());
            return ctx.ack();
        });
        app.command("/help", (req, ctx) -> ctx.ack("usage: /swap <pair>"));
        return app;
    }

    String connectionsOpenOk() {
        return "{\"ok\":true,\"url\":\"" + socketMode.url() + "\"}";
    }

    /** The next {@code apps.connections.open} answers {@code failure}, the ones after it succeed. */
    void failConnectionsOpenOnce(ResponseDefinitionBuilder failure) {
        slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure)
                .willSetStateTo("recovered"));
        slackApi.stubFor(post(urlPathEqualTo(CONNECTIONS_OPEN))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(connectionsOpenOk())));
    }

    static int connectionsOpenCalls() {
        return slackApi.findAll(postRequestedFor(urlPathEqualTo(CONNECTIONS_OPEN)))
                .size();
    }

    static String resource(String path) {
        return new String(SlackTestSigner.resource(path), UTF_8);
    }

    static String envelope(String id, String type, String payloadJson) {
        return "{\"envelope_id\":\"" + id + "\",\"type\":\"" + type + "\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":0,\"retry_reason\":\"\",\"payload\":" + payloadJson + "}";
    }

    void awaitAck(String envelopeId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> socketMode.received.stream().anyMatch(m -> envelopeId.equals(envelopeId(m))));
    }

    /** Sends {@code /swap api} on the newest connection and checks it is handled and acked. */
    void slashCommandIsHandledAndAcked() {
        socketMode.sendToCurrent(resource("/slack/socket-mode-envelope-slash.json"));
        awaitAck("env-0001");
        assertThat(calls).containsExactly("swap:api");
    }

    private static String envelopeId(String message) {
        try {
            return JSON.readTree(message).path("envelope_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runner's INFO lines so far. */
    List<String> linkLines() {
        return linkLog.events().stream()
                .filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    void awaitLinkLine(String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(linkLines())
                .anySatisfy(line -> assertThat(line).contains(expected)));
    }

    /** Expected failures are told in one line each: no stack trace, no token, here or in the SDK. */
    void assertLogsAreOneLinersWithoutSecrets() {
        List<ILoggingEvent> all = Stream.concat(linkLog.events().stream(), sdkLog.events().stream())
                .toList();
        assertThat(all).allSatisfy(e -> {
            assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).doesNotContain(APP_TOKEN).doesNotContain("ticket");
        });
        assertThat(linkLines()).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        // The same in the JSON format: every line one object, no token anywhere.
        assertThat(jsonLog.jsonLines()).isNotNull();
        assertThat(jsonLog.text()).doesNotContain(APP_TOKEN).doesNotContain("ticket");
    }
}
