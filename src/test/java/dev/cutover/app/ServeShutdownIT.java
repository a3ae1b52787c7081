package dev.cutover.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process (the shaded jar) stopped with a real SIGTERM, as every deploy on ECS
 * or Kubernetes stops it: it logs that it is stopping, stops the job it started (the whole process
 * group), records the run as shut down, and exits 0 within the grace.
 */
class ServeShutdownIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    @Test
    void sigtermDuringAJobStopsItsProcessesAndExitsZeroWithinTheGrace() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        // A marker no other process on the machine has, so the check for leftovers is exact.
        String marker = "9" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        Path config = dir.resolve("cutover.yml");
        Files.writeString(
                config,
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                shutdown: { grace: 10s }
                scheduler: { shutdownTimeout: 2s, channel: C0OPS }
                jobs:
                  - name: long-sleep
                    cron: "* * * * * ?"
                    target: { type: command, command: [sh, -c, "sleep %s & sleep %s"] }
                    timeout: 600s
                    maxAttempts: 1
                """
                        .formatted(slackApi.baseUrl(), marker, marker));
        Path log = dir.resolve("serve.log");
        Process serve = new ProcessBuilder(
                        javaBin(),
                        "-jar",
                        Path.of("target", "cutover-bot.jar").toString(),
                        "serve",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sleeps(marker) == 2 || !serve.isAlive());
            assertThat(serve.isAlive()).as(read(log)).isTrue();

            long sent = System.nanoTime();
            serve.destroy(); // SIGTERM

            assertThat(serve.waitFor(15, TimeUnit.SECONDS)).as(read(log)).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(serve.exitValue()).as(read(log)).isZero();
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(read(log))
                    .contains("stopping (SIGTERM): no new work is taken; work in flight has 10 s to finish")
                    .contains("long-sleep")
                    .contains("SHUTDOWN")
                    .contains("stopped in ");
            await().atMost(Duration.ofSeconds(5)).until(() -> sleeps(marker) == 0);
        } finally {
            serve.destroyForcibly();
            ProcessHandle.allProcesses()
                    .filter(p -> commandLine(p).contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** How many {@code sleep <marker>} processes run on this machine. */
    private static long sleeps(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).equals("sleep " + marker))
                .count();
    }

    private static String commandLine(ProcessHandle p) {
        Optional<String> cmd = p.info().commandLine();
        return cmd.map(c -> c.replaceAll("^\\S*/", "")).orElse("");
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log);
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
