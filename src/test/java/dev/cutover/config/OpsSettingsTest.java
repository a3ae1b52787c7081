package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ops.port}: 9090 by default, a TCP port, and never Slack's own port in HTTP mode. */
class OpsSettingsTest {
    private final ConfigLoader loader = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get));

    @Test
    void defaultsTo9090AndTakesZeroForAFreePort() {
        assertThat(loader.parse("t.yml", "").ops().port()).isEqualTo(9090);
        assertThat(loader.parse("t.yml", "ops: { port: 0 }\n").ops().port()).isZero();
    }

    @Test
    void aPortOutOfRangeNamesItsLineAndKey() {
        assertThatThrownBy(() -> loader.parse("t.yml", "slack: { mode: http }\nops:\n  port: 70000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.yml:3: ops.port: must be a TCP port, 0 to 65535");
    }

    @Test
    void servingInHttpModeOnSlacksPortIsRefused() {
        String yaml = "slack: { mode: http, botToken: xoxb-t, signingSecret: s, httpPort: 9090 }\n";
        assertThatThrownBy(() -> loader.parse("t.yml", yaml, ServeRequirements::check))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ops.port: must differ from slack.httpPort (9090)");
        assertThat(loader.parse("t.yml", yaml + "ops: { port: 9091 }\n", ServeRequirements::check)
                        .ops()
                        .port())
                .isEqualTo(9091);
    }
}
