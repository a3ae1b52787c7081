package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check-config} shows the alarm routes and guard alarms, and refuses an unrouted guard alarm. */
class CheckConfigAlarmsTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
            slack: { mode: http, botToken: xoxb-test, signingSecret: s3cret }
            aws: { region: eu-west-1 }
            alerts: { channel: C0ALERTS }
            pairs:
              - name: shop
                zoneId: Z0EXAMPLE
                blue: blue.example.com
                green: green.example.com
                approvers: [U0BOB0001]
                guardAlarms: [%s]
                rollbackOnAlarm: true
            alarms:
              queue: https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-alarms
              routes:
                - alarm: shop-*
                  pair: shop
            """;

    int run(String config, StringWriter out, StringWriter err) throws Exception {
        Path f = dir.resolve("cutover.yml");
        Files.writeString(f, config);
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute("check-config", "--config", f.toString());
    }

    @Test
    void itSummarisesTheAlarms() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(run(CONFIG.formatted("shop-5xx"), out, err))
                .as(err.toString())
                .isZero();

        assertThat(out.toString())
                .contains("guard alarms [shop-5xx], rollback on alarm (pre-approved)")
                .contains("alarms: queue https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-alarms, 1 route(s)")
                .contains("alarm shop-* (prefix): channel C0ALERTS, pair shop");
    }

    @Test
    void aGuardAlarmNoRouteMatchesIsAnErrorWithFileLineAndKey() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(run(CONFIG.formatted("orders-5xx"), out, err)).isEqualTo(2);

        assertThat(err.toString())
                .contains("cutover.yml:10: pairs[0].guardAlarms[0]: no alarms.routes entry matches orders-5xx");
    }
}
