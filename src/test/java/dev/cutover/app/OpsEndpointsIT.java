package dev.cutover.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.FakeSocketModeServer;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.testing.OpsHttp;
import dev.cutover.testing.PrometheusText;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar as a process, asked what an ECS or Kubernetes health check and a Prometheus
 * scrape ask: {@code /healthz}, {@code /readyz} and {@code /metrics} answer on {@code ops.port} in
 * Socket Mode (against a fake Socket Mode server), in HTTP mode and in the sandbox; a busy ops port
 * stops {@code serve} with one line and is a warning in the sandbox.
 */
class OpsEndpointsIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    @Test
    void socketModeServesTheOpsPort() throws Exception {
        FakeSocketModeServer socketMode = SlackTestApps.socketMode(slackApi);
        try {
            int port = OpsHttp.freePort();
            assertEndpointsAnswer(
                    serve(
                            """
                            slack: { mode: socket, botToken: xoxb-test, appToken: xapp-1-A0-test, apiBaseUrl: "%s/api/" }
                            ops: { port: %d }
                            """
                                    .formatted(slackApi.baseUrl(), port)),
                    port);
        } finally {
            socketMode.stop(1000);
        }
    }

    @Test
    void httpModeServesTheOpsPortApartFromSlacks() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        int port = OpsHttp.freePort();
        assertEndpointsAnswer(
                serve(
                        """
                        slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                        ops: { port: %d }
                        """
                                .formatted(slackApi.baseUrl(), port)),
                port);
    }

    @Test
    void sandboxServesTheOpsPort() throws Exception {
        int port = OpsHttp.freePort();
        String yaml;
        try (InputStream in = OpsEndpointsIT.class.getResourceAsStream("/sandbox/cutover-sandbox.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nops: { port: " + port + " }\n";
        }
        assertEndpointsAnswer(start(List.of("sandbox", "--config", file(yaml).toString(), "--script", "-")), port);
    }

    @Test
    void aBusyOpsPortStopsServeWithOneLineAndIsAWarningInTheSandbox() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int port = taken.getLocalPort();
            Started serve = serve(
                    """
                    slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                    ops: { port: %d }
                    """
                            .formatted(slackApi.baseUrl(), port));
            assertThat(serve.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.process.exitValue()).isEqualTo(1);
            assertThat(serve.output())
                    .contains("cutover stopped: could not listen on 0.0.0.0:" + port
                            + " (ops.port): the port is in use or not allowed")
                    .doesNotContain("\tat ");

            String yaml;
            try (InputStream in = OpsEndpointsIT.class.getResourceAsStream("/sandbox/cutover-sandbox.yml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nops: { port: " + port + " }\n";
            }
            Started sandbox = start(List.of("sandbox", "--config", file(yaml).toString(), "--script", "-"));
            try {
                sandbox.process
                        .getOutputStream()
                        .write("/cron list\nexpect sandbox-hello\n".getBytes(StandardCharsets.UTF_8));
                sandbox.process.getOutputStream().close();
                assertThat(sandbox.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(sandbox.process.exitValue()).as(sandbox.output()).isZero();
                assertThat(sandbox.output())
                        .contains("could not listen on 127.0.0.1:" + port
                                + " (ops.port): the port is in use or not allowed;"
                                + " the sandbox runs without /healthz, /readyz and /metrics");
            } finally {
                sandbox.process.destroyForcibly();
            }
        }
    }

    private record Started(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private void assertEndpointsAnswer(Started started, int port) throws Exception {
        OpsHttp ops = new OpsHttp(port);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() ->
                            !started.process.isAlive() || ops.get("/readyz").statusCode() == 200);
            assertThat(started.process.isAlive()).as(started.output()).isTrue();
            assertThat(ops.get("/readyz").body()).isEqualTo("{\"status\":\"ready\"}");
            assertThat(ops.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(ops.head("/healthz").statusCode()).isEqualTo(200);
            PrometheusText metrics = PrometheusText.parse(ops.get("/metrics").body());
            assertThat(metrics.has("jvm_threads_live_threads")).isTrue();
            assertThat(metrics.has("executor_pool_size_threads")).isTrue();
            assertThat(ops.get("/nope").statusCode()).isEqualTo(404);
            assertThat(ops.send("POST", "/readyz").statusCode()).isEqualTo(405);
        } finally {
            started.process.destroy();
            started.process.waitFor(20, TimeUnit.SECONDS);
            started.process.destroyForcibly();
        }
    }

    private Started serve(String yaml) throws IOException {
        return start(List.of("serve", "--config", file(yaml).toString()));
    }

    private Path file(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "cutover", ".yml");
        Files.writeString(f, yaml);
        return f;
    }

    private Started start(List<String> args) throws IOException {
        Path log = Files.createTempFile(dir, "out", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-jar",
                Path.of("target", "cutover-bot.jar").toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Started(p, log);
    }
}
