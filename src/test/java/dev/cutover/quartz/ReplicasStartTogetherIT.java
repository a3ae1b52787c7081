package dev.cutover.quartz;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.testing.PostgresTestSupport;
import java.io.File;
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
 * Issue 11 item 1: two real {@code serve} processes (the shaded jar) started at the same moment on an
 * empty PostgreSQL schema both come up, round after round: table creation and trigger/job sync are
 * serialised across replicas.
 */
class ReplicasStartTogetherIT {
    private static final int ROUNDS = 5;

    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    @Test
    void twoServeProcessesOnAnEmptySchemaBothStartEveryTime() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        Path jar = Path.of("target", "cutover-bot.jar");
        assertThat(jar).as("built by the package phase").exists();
        for (int round = 1; round <= ROUNDS; round++) {
            String schema = PostgresTestSupport.uniqueSchema();
            Path config = dir.resolve("round" + round + ".yml");
            Files.writeString(config, yaml(schema));
            List<Process> replicas = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            try {
                for (int r = 0; r < 2; r++) {
                    Path log = dir.resolve("round" + round + "-replica" + r + ".log");
                    logs.add(log);
                    replicas.add(new ProcessBuilder(
                                    javaBin(), "-jar", jar.toString(), "serve", "--config", config.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start());
                }
                int n = round;
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> logs.stream().allMatch(l -> running(l) || !alive(replicas, logs.indexOf(l))));
                for (int r = 0; r < 2; r++) {
                    assertThat(replicas.get(r).isAlive())
                            .as("round %d replica %d: %s", n, r, Files.readString(logs.get(r)))
                            .isTrue();
                    assertThat(Files.readString(logs.get(r))).doesNotContain("already exists");
                }
            } finally {
                for (Process p : replicas) {
                    p.destroy();
                }
                for (Process p : replicas) {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                }
                PostgresTestSupport.dropSchema(schema);
            }
        }
    }

    private static boolean alive(List<Process> replicas, int i) {
        return replicas.get(i).isAlive();
    }

    private static boolean running(Path log) {
        try {
            return Files.readString(log).contains("cutover is running");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String yaml(String schema) {
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            jobs.append("  - name: job-")
                    .append(i)
                    .append("\n    cron: \"0 0 3 * * ?\"\n    target: { type: command, command: [\"true\"] }\n");
        }
        return """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                scheduler:
                  store: jdbc
                  jdbc: { url: "%s", user: %s, schema: %s }
                  shutdownTimeout: 2s
                jobs:
                """
                        .formatted(slackApi.baseUrl(), PostgresTestSupport.url(), PostgresTestSupport.user(), schema)
                + jobs;
    }
}
