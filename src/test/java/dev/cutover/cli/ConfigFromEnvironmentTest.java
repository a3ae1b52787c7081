package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12 item 4: an ECS task gets its config as YAML in {@code CUTOVER_CONFIG_YAML} (the task
 * definition's {@code secrets}, from SSM); {@code check-config} reads it and names it in errors.
 */
class ConfigFromEnvironmentTest {
    static final String YAML =
            """
            slack: { mode: http, botToken: "${SLACK_BOT_TOKEN}", signingSecret: s3cret }
            pairs:
              - name: shop
                zoneId: %s
                blue: blue.example.com
                green: green.example.com
                approvers: [U0BOB0001]
            """;

    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-from-env"));
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int checkConfig(String... args) {
        CheckConfigCli command = new CheckConfigCli();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        command.config.env = env::get;
        return cli.execute(args);
    }

    @Test
    void withoutConfigTheYamlInTheVariableIsTheConfig() {
        env.put(ConfigOption.ENV, YAML.formatted("Z0000000000000000001"));

        assertThat(checkConfig()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("$CUTOVER_CONFIG_YAML: OK").contains("pairs: 1");
    }

    @Test
    void anErrorNamesTheVariableLineAndKey() {
        env.put(ConfigOption.ENV, YAML.formatted("zone-1"));

        assertThat(checkConfig()).isEqualTo(2);
        assertThat(err.toString()).contains("$CUTOVER_CONFIG_YAML:4: pairs[0].zoneId: not a hosted zone id");
    }

    @Test
    void anExplicitConfigFileWinsOverTheVariable() throws Exception {
        env.put(ConfigOption.ENV, YAML.formatted("zone-1"));
        Path f = dir.resolve("cutover.yml");
        Files.writeString(f, YAML.formatted("Z0000000000000000001"));

        assertThat(checkConfig("--config", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(f + ": OK");
    }

    @Test
    void aVariableSetButEmptyIsAnErrorNotTheDefaultFile() {
        env.put(ConfigOption.ENV, "");

        assertThat(checkConfig()).isEqualTo(2);
        assertThat(err.toString())
                .contains("$CUTOVER_CONFIG_YAML: CUTOVER_CONFIG_YAML is set but empty")
                .doesNotContain("no such file");
    }

    @Test
    void aVariableOfOnlyWhitespaceIsAnErrorToo() {
        env.put(ConfigOption.ENV, " \n ");

        assertThat(checkConfig()).isEqualTo(2);
        assertThat(err.toString()).contains("CUTOVER_CONFIG_YAML is set but empty");
    }

    @Test
    void anExplicitConfigFileWinsOverAnEmptyVariable() throws Exception {
        env.put(ConfigOption.ENV, "");
        Path f = dir.resolve("cutover.yml");
        Files.writeString(f, YAML.formatted("Z0000000000000000001"));

        assertThat(checkConfig("--config", f.toString())).as(err.toString()).isZero();
    }

    @Test
    void withNeitherTheDefaultFileIsRead() {
        assertThat(checkConfig()).isEqualTo(2);
        assertThat(err.toString()).contains(Path.of("config", "cutover.yml") + ": no such file");
    }
}
