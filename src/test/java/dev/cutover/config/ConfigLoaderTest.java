package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config errors name the file, the line and the key; interpolation keeps line numbers. */
class ConfigLoaderTest {
    static final String PAIR =
            """
            pairs:
              - name: blue-green
                zoneId: Z0000000000000000001
                blue: blue.example.com
                green: green.example.com
                approvers: [U0000000002, S0000000001]
            """;

    ConfigLoader loader = new ConfigLoader(new EnvInterpolator(Map.of("BOT_TOKEN", "xoxb-from-env")::get));

    ConfigException error(String yaml) {
        try {
            loader.parse("test.yml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void aValidFileBindsWithDefaults() {
        CutoverConfig c = loader.parse("test.yml", PAIR);

        SwapPairConfig p = c.pair("blue-green").orElseThrow();
        assertThat(p.blue()).isEqualTo("blue.example.com.");
        assertThat(p.requiredApprovals()).isEqualTo(1);
        assertThat(p.expiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.breakGlass()).isFalse();
        assertThat(c.slack().apiBaseUrl()).isEqualTo("https://slack.com/api/");
        assertThat(c.redis().enabled()).isFalse();
    }

    @Test
    void anUnknownKeyNamesItsLineAndListsTheAllowedKeys() {
        ConfigException e = error(PAIR + "    colour: blue\n");

        assertThat(e.line()).isEqualTo(7);
        assertThat(e.key()).isEqualTo("pairs[0].colour");
        assertThat(e.getMessage())
                .startsWith("test.yml:7: pairs[0].colour: unknown key; allowed here: ")
                .contains("approvers", "blue", "breakGlass", "channels", "expiry", "green", "zoneId");
    }

    @Test
    void anUnknownTopLevelKeyListsTheSections() {
        ConfigException e = error("slak:\n  mode: http\n");

        assertThat(e.getMessage()).startsWith("test.yml:1: slak: unknown key; allowed here: ");
        assertThat(e.getMessage()).contains("aws, ", ", pairs, ", ", redis, ", ", slack");
    }

    @Test
    void aWrongTypeSaysWhatIsExpected() {
        ConfigException e = error(PAIR + "    requiredApprovals: two\n");

        assertThat(e.getMessage()).isEqualTo("test.yml:7: pairs[0].requiredApprovals: expected a whole number");
    }

    @Test
    void aShutdownGraceBeyondWhatEcsAllowsIsRefused() {
        ConfigException e = error("shutdown:\n  grace: 200s\n");

        assertThat(e.getMessage())
                .startsWith("test.yml:")
                .contains("shutdown.grace: expected a duration from 1s to 115s");
    }

    @Test
    void aSchedulerStopThatOutlastsTheShutdownGraceIsRefused() {
        ConfigException e = error("scheduler:\n  shutdownTimeout: 30s\n");

        assertThat(e.getMessage())
                .contains("scheduler.shutdownTimeout: must end at least 5 s before shutdown.grace (25 s)");
    }

    @Test
    void aShortGraceAloneFitsTheSchedulersStopIntoIt() {
        assertThat(loader.parse("test.yml", "shutdown:\n  grace: 10s\n")
                        .scheduler()
                        .shutdownTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(loader.parse("test.yml", "shutdown:\n  grace: 2s\n")
                        .scheduler()
                        .shutdownTimeout())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(loader.parse("test.yml", "# defaults\n").scheduler().shutdownTimeout())
                .isEqualTo(Duration.ofSeconds(15));
        ConfigException e = error("shutdown:\n  grace: 10s\nscheduler:\n  shutdownTimeout: 8s\n");
        assertThat(e.getMessage())
                .startsWith("test.yml:4: ")
                .contains("scheduler.shutdownTimeout: must end at least 5 s before shutdown.grace (10 s)");
    }

    @Test
    void aBadEnumListsTheChoices() {
        ConfigException e = error("slack:\n  mode: websocket\n");

        assertThat(e.getMessage()).isEqualTo("test.yml:2: slack.mode: expected one of: socket, http");
    }

    @Test
    void anInvalidValueInANestedListItemNamesTheItem() {
        ConfigException e = error(PAIR.replace("[U0000000002, S0000000001]", "\n      - U0000000002\n      - bob\n"));

        assertThat(e.key()).isEqualTo("pairs[0].approvers[1]");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage())
                .isEqualTo("test.yml:8: pairs[0].approvers[1]: expected a user ID (U...) or user-group ID (S...)");
    }

    @Test
    void anInvalidValueInTheSecondPairNamesThatPair() {
        String second =
                """
                  - name: api
                    zoneId: Z0000000000000000001
                    blue: api-blue.example.com
                    green: api-green.example.com
                    approvers: [U0000000002]
                    expiry: 30s
                """;
        ConfigException e = error(PAIR + second);

        assertThat(e.getMessage()).isEqualTo("test.yml:12: pairs[1].expiry: must be between 1m and 24h");
    }

    @Test
    void duplicatePairNamesAreAnError() {
        String again = PAIR.substring("pairs:\n".length());

        ConfigException e = error(PAIR + again);

        assertThat(e.key()).isEqualTo("pairs[1].name");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).contains("duplicate pair name blue-green");
    }

    @Test
    void aMissingEnvironmentVariableNamesItsLine() {
        ConfigException e = error("slack:\n  mode: http\n  signingSecret: ${SLACK_SIGNING_SECRET}\n");

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.key()).isEqualTo("slack.signingSecret");
        assertThat(e.getMessage())
                .startsWith("test.yml:3: slack.signingSecret: environment variable SLACK_SIGNING_SECRET is not set");
    }

    @Test
    void variablesAndDefaultsAreInterpolated() {
        CutoverConfig c = loader.parse(
                "test.yml",
                "slack:\n  botToken: ${BOT_TOKEN}\n  httpPort: ${PORT:-3100}\n  apiBaseUrl: ${API:-http://127.0.0.1:9/api}\n"
                        + PAIR);

        assertThat(c.slack().botToken()).isEqualTo("xoxb-from-env");
        assertThat(c.slack().httpPort()).isEqualTo(3100);
        assertThat(c.slack().apiBaseUrl()).isEqualTo("http://127.0.0.1:9/api/");
    }

    @Test
    void aDefaultAppliesWhenTheVariableIsSetButEmpty() {
        ConfigLoader empty = new ConfigLoader(new EnvInterpolator(Map.of("PORT", "")::get));

        CutoverConfig c = empty.parse("test.yml", "slack:\n  httpPort: ${PORT:-3200}\n");

        assertThat(c.slack().httpPort()).isEqualTo(3200);
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        ConfigException e = error("slack:\n  mode: http\n\tbotToken: xoxb-1\npairs: []\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yml:3: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void aDuplicateKeyIsAnErrorNotASilentOverride() {
        ConfigException e = error(PAIR + "    approvers: [U0000000009]\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yml:7: pairs[0].approvers: duplicate key (first on line 6); each key may appear once");
    }

    static final String ALIAS_MESSAGE =
            "YAML anchors and aliases (&name / *name) are not supported; write the value out";

    @Test
    void anAliasIsRefusedWithItsLineAndKeyNotAsAWrongType() {
        String yaml = PAIR.replace("approvers: [U0000000002, S0000000001]", "approvers: &appr [U0000000002]")
                + "  - name: api\n    zoneId: Z0000000000000000001\n    blue: a.example.com\n"
                + "    green: b.example.com\n    approvers: *appr\n";

        ConfigException e = error(yaml);

        assertThat(e.getMessage()).isEqualTo("test.yml:6: pairs[0].approvers: " + ALIAS_MESSAGE);
    }

    @Test
    void anAliasAloneIsRefusedAtItsOwnLine() {
        ConfigException e = error(PAIR + "  - name: api\n    zoneId: Z0000000000000000001\n    blue: a.example.com\n"
                + "    green: b.example.com\n    approvers: *appr\n");

        assertThat(e.getMessage()).isEqualTo("test.yml:11: pairs[1].approvers: " + ALIAS_MESSAGE);
    }

    @Test
    void anAnchoredMappingIsRefusedNotReportedAsAMissingTypeId() {
        ConfigException e = error("jobs:\n  - name: a\n    cron: \"0 3 * * *\"\n    target: &t\n"
                + "      type: command\n      command: [echo]\n");

        assertThat(e.getMessage()).isEqualTo("test.yml:4: jobs[0].target: " + ALIAS_MESSAGE);
    }

    @Test
    void anEmptyFileIsAllDefaults() {
        CutoverConfig c = loader.parse("test.yml", "# nothing yet\n");

        assertThat(c.pairs()).isEmpty();
        assertThat(c.slack().mode()).isEqualTo(SlackSettings.Mode.SOCKET);
    }

    @Test
    void aMisspeltRequiredKeyIsReportedAsUnknownNotAsMissing() {
        ConfigException e = error("pairs:\n  - name: x\n    zoneId: Z1\n    blue: a.example.com\n"
                + "    green: b.example.com\n    approverz: [U0ALICE]\n");
        assertThat(e.getMessage()).startsWith("test.yml:6: pairs[0].approverz: unknown key; allowed here: approvers, ");

        ConfigException step =
                error("queues:\n  - queue: q1\n    steps:\n      - treshold: 100\n" + "        severity: warning\n");
        assertThat(step.getMessage()).startsWith("test.yml:4: queues[0].steps[0].treshold: unknown key");
    }

    @Test
    void aJobTargetsTypeIsNotAnUnknownKey() {
        ConfigException e = error("jobs:\n  - name: j\n    cron: \"0 * * * *\"\n    target:\n"
                + "      type: command\n      comand: [true]\n");
        assertThat(e.getMessage())
                .contains("jobs[0].target.comand: unknown key")
                .doesNotContain("target.type");
    }

    @Test
    void aSyntaxErrorAfterAnIncompleteRecordIsReportedAsTheSyntaxError() {
        ConfigException e = error("pairs:\n  - name: x\n    zoneId: Z1\n    blue: a.example.com\n"
                + "    green: b.example.com\n    channels: [C0OPS]\n   approvers: [U0ALICE]\n");
        assertThat(e.getMessage()).startsWith("test.yml:7: not valid YAML");
    }

    @Test
    void everyUnsetVariableIsNamedInOneRun() {
        ConfigException e = error("slack:\n  botToken: ${NO_SUCH_TOKEN_1}\n  appToken: ${NO_SUCH_TOKEN_2}\n"
                + "  signingSecret: ${NO_SUCH_SECRET_3:-}\n");
        assertThat(e.getMessage())
                .startsWith("test.yml:2: slack.botToken: environment variable NO_SUCH_TOKEN_1 is not set")
                .contains("also unset: NO_SUCH_TOKEN_2 (line 3)")
                .doesNotContain("NO_SUCH_SECRET_3");
    }
}
