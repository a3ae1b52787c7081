package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Environment values are data: interpolated into parsed strings, never into the YAML text. */
class EnvInterpolationTest {
    static final String YAML = "slack:\n  mode: http\n  botToken: ${BOT}\n  signingSecret: \"${SECRET}\"\n"
            + "  apiBaseUrl: ${API:-http://127.0.0.1:9/api}\n";

    static CutoverConfig load(String secret, String token) {
        return new ConfigLoader(new EnvInterpolator(Map.of("SECRET", secret, "BOT", token)::get))
                .parse("test.yml", YAML, ServeRequirements::check);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*S",
                "&a x",
                "!t x",
                "x #y",
                "it's \"quoted\"",
                "line1\nline2",
                "a\"\n  appToken: xapp-injected\n  x: \"y",
                "}\n{",
                "%2A:-${NOT_A_REF}",
                " lead and trail ",
                "- item",
                "[1, 2]",
                "{a: b}"
            })
    void aSecretAndATokenAreKeptByteForByte(String value) {
        CutoverConfig c = load(value, "xoxb-" + value);

        assertThat(c.slack().signingSecret()).isEqualTo(value);
        assertThat(c.slack().botToken()).isEqualTo("xoxb-" + value);
        assertThat(c.slack().appToken()).isNull();
    }

    @Test
    void aValueCanNeverAddAKey() {
        String injected = "x\"\npairs:\n  - name: evil\n    zoneId: Z1\n    blue: a.example.com\n"
                + "    green: b.example.com\n    approvers: [U0EVIL]\nz: \"";

        CutoverConfig c = load(injected, "xoxb-1");

        assertThat(c.pairs()).isEmpty();
        assertThat(c.slack().signingSecret()).isEqualTo(injected);
    }

    @Test
    void aReferenceInAKeyOrACommentIsLeftAlone() {
        CutoverConfig c = new ConfigLoader(new EnvInterpolator(n -> null))
                .parse("test.yml", "# ${UNSET_IN_COMMENT}\nslack:\n  botToken: xoxb-plain # ${UNSET_TOO}\n");

        assertThat(c.slack().botToken()).isEqualTo("xoxb-plain");
    }

    @Test
    void referencesInsideAValueAndEscapesAreReplacedInPlace() {
        CutoverConfig c = new ConfigLoader(new EnvInterpolator(Map.of("A", "*1", "B", "#2")::get))
                .parse("test.yml", "slack:\n  botToken: xoxb-${A}-${B}-$${A}-${C:-d&}\n");

        assertThat(c.slack().botToken()).isEqualTo("xoxb-*1-#2-${A}-d&");
    }

    @Test
    void anUnsetVariableInAListItemNamesTheItemsLine() {
        assertThatThrownBy(() -> new ConfigLoader(new EnvInterpolator(n -> null))
                        .parse(
                                "test.yml",
                                "pairs:\n  - name: x\n    zoneId: Z1\n    blue: a.example.com\n"
                                        + "    green: b.example.com\n    approvers:\n      - U0A\n"
                                        + "      - ${APPROVER_2}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.key()).isEqualTo("pairs[0].approvers[1]");
                    assertThat(e.getMessage()).contains("environment variable APPROVER_2 is not set");
                });
    }
}
