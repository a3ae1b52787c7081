package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.ServeRequirements;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signing secret and a bot token holding YAML syntax arrive byte for byte: the config keeps them,
 * {@code check-config} (the real jar, as a user runs it) says OK, a request signed with the exact
 * secret verifies over the real HTTP server, and the token is what Slack's Web API receives.
 */
class SpecialCharacterSecretsIT {
    static final String YAML =
            """
            slack:
              mode: http
              botToken: ${SLACK_BOT_TOKEN}
              signingSecret: ${SLACK_SIGNING_SECRET}
              apiBaseUrl: %s
            """;

    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"*S", "&a x", "!t x", "x #y", "q\"u'ote", "two\nlines", "*&!#\"' \n: all"})
    void theExactSecretVerifiesAndTheExactTokenIsSent(String special) throws Exception {
        String secret = "8f742231" + special;
        String token = "xoxb-1-" + special;
        Map<String, String> env = Map.of("SLACK_SIGNING_SECRET", secret, "SLACK_BOT_TOKEN", token);
        String yaml = YAML.formatted(slackApi.baseUrl() + "/api/");

        CutoverConfig config =
                new ConfigLoader(new EnvInterpolator(env::get)).parse("cutover.yml", yaml, ServeRequirements::check);
        assertThat(config.slack().signingSecret()).isEqualTo(secret);
        assertThat(config.slack().botToken()).isEqualTo(token);
        assertThat(checkConfig(yaml, env)).contains(": OK");

        SlackTestApps.stubAuthTest(slackApi);
        // An HTTP header cannot hold a line break: Slack never issues such a token, so only the config
        // and check-config above cover it.
        boolean headerSafe = token.chars().noneMatch(c -> c < 0x20);
        App app = new App(AppConfig.builder()
                .signingSecret(config.slack().signingSecret())
                .singleTeamBotToken(headerSafe ? config.slack().botToken() : SlackTestApps.BOT_TOKEN)
                .requestVerificationEnabled(false)
                .slack(SlackTestApps.slack(slackApi.baseUrl()))
                .build());
        app.command(
                "/swap", (req, ctx) -> ctx.ack("verified " + req.getPayload().getText()));
        SlackSignatureVerifier verifier =
                new SlackSignatureVerifier(config.slack().signingSecret(), Clock.systemUTC());
        try (SlackHttpServer server =
                new SlackHttpServer(app, verifier, "127.0.0.1", 0, SlackHttpServer.DEFAULT_PATH)) {
            server.start();
            SlackTestHttp http = new SlackTestHttp("http://127.0.0.1:" + server.port());
            byte[] body = SlackTestSigner.resource("/slack/slash-command-swap.form");
            long ts = Instant.now().getEpochSecond();

            HttpResponse<String> signed =
                    http.postForm(SlackHttpServer.DEFAULT_PATH, body, new SlackTestSigner(secret).headers(ts, body));
            HttpResponse<String> mangled = http.postForm(
                    SlackHttpServer.DEFAULT_PATH, body, new SlackTestSigner(secret.strip() + "x").headers(ts, body));

            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            assertThat(signed.body()).contains("verified api");
            assertThat(mangled.statusCode()).isEqualTo(401);
        }
        if (headerSafe) {
            slackApi.verify(postRequestedFor(urlPathEqualTo("/api/auth.test"))
                    .withHeader("Authorization", equalTo("Bearer " + token)));
        }
    }

    /** Runs {@code check-config} from the packaged jar with {@code env}; returns its output. */
    String checkConfig(String yaml, Map<String, String> env) throws IOException, InterruptedException {
        Path file = dir.resolve("cutover.yml");
        Files.writeString(file, yaml, UTF_8);
        Path jar = Path.of("target", "cutover-bot.jar");
        assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "check-config",
                        "--config",
                        file.toString())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
