package dev.cutover.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.testing.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 4: the image's default command ({@code serve}, no {@code --config}) runs on the YAML
 * an ECS task puts in {@code CUTOVER_CONFIG_YAML}, from a directory holding no config file; a bad
 * value exits 2 naming the variable, line and key.
 */
class ServeConfigFromEnvironmentIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    private Process serve(String yaml) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        ServeProcess.javaBin(),
                        "-jar",
                        Path.of("target", "cutover-bot.jar").toAbsolutePath().toString(),
                        "serve"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        pb.environment().put("CUTOVER_CONFIG_YAML", yaml);
        pb.environment().put("SLACK_SIGNING_SECRET", "env-config-signing-secret");
        return pb.start();
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("serve.log"));
    }

    @Test
    void serveWithoutConfigRunsOnTheYamlInTheVariable() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        Process p = serve(
                """
                slack: { mode: http, botToken: xoxb-env-config, signingSecret: "${SLACK_SIGNING_SECRET}", httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                """
                        .formatted(slackApi.baseUrl()));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> log().contains("cutover is running") || !p.isAlive());
            assertThat(p.isAlive()).as(log()).isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(log()).doesNotContain("env-config-signing-secret");
    }

    @Test
    void aBadValueExits2NamingTheVariableLineAndKey() throws Exception {
        Process p = serve(
                """
                slack: { mode: http, botToken: xoxb-env-config, signingSecret: s3cret }
                pairs:
                  - name: shop
                    zoneId: zone-1
                    blue: blue.example.com
                    green: green.example.com
                    approvers: [U0BOB0001]
                """);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log()).isEqualTo(2);
        assertThat(log()).contains("$CUTOVER_CONFIG_YAML:4: pairs[0].zoneId: not a hosted zone id");
    }
}
