package dev.cutover.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.testing.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process with {@code CUTOVER_LOG_FORMAT=json} and the JVM options of the
 * Dockerfile's ENTRYPOINT: everything it writes to standard output and standard error from start to
 * stop (SIGTERM) is one JSON object per line (no "Picked up ..." line, no Logback status text), and
 * no secret appears.
 */
class ServeJsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    @Test
    void everyLineFromStartToStopIsOneJsonObject() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        Path config = dir.resolve("cutover.yml");
        Files.writeString(
                config,
                """
                slack: { mode: http, botToken: "${SLACK_BOT_TOKEN}", signingSecret: "${SLACK_SIGNING_SECRET}", httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                """
                        .formatted(slackApi.baseUrl()));
        Path log = dir.resolve("serve.log");
        List<String> command = new ArrayList<>(List.of(ServeProcess.javaBin()));
        command.addAll(dockerJvmOptions());
        command.addAll(List.of(
                "-jar", Path.of("target", "cutover-bot.jar").toString(), "serve", "--config", config.toString()));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CUTOVER_LOG_FORMAT", "json");
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-json-log-token");
        pb.environment().put("SLACK_SIGNING_SECRET", "json-log-signing-secret");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process serve = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(log).contains("cutover is running") || !serve.isAlive());
            assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(Files.readString(log)).isZero();

            List<String> lines = Files.readAllLines(log);
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : lines) {
                parsed.add(JSON.readTree(line)); // throws, naming the line, if it is not JSON
            }
            assertThat(parsed).allSatisfy(l -> {
                assertThat(l.path("level").asText()).isNotEmpty();
                assertThat(l.path("loggerName").asText()).isNotEmpty();
                assertThat(l.path("time").asText()).endsWith("Z");
            });
            assertThat(parsed.stream().map(l -> l.path("formattedMessage").asText()))
                    .anyMatch(m -> m.startsWith("cutover is running (http mode"))
                    .anyMatch(m -> m.startsWith("stopping (SIGTERM)"))
                    .anyMatch(m -> m.startsWith("stopped in "));
            assertThat(String.join("\n", lines))
                    .doesNotContain("Picked up", "xoxb-json-log-token", "json-log-signing-secret");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** The JVM options of the Dockerfile's ENTRYPOINT: what comes between {@code java} and {@code -jar}. */
    static List<String> dockerJvmOptions() throws Exception {
        String entrypoint = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow();
        List<String> args = List.of(JSON.readValue(entrypoint.substring("ENTRYPOINT ".length()), String[].class));
        List<String> options = args.subList(args.indexOf("java") + 1, args.indexOf("-jar"));
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        return options;
    }
}
