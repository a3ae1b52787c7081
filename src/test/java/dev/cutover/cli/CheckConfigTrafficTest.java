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

/** {@code check-config} warns about a pair whose shift cannot confirm green's health: no metrics for green. */
class CheckConfigTrafficTest {
    @TempDir
    Path dir;

    static final String CONFIG =
            """
            slack: { mode: http, botToken: xoxb-test, signingSecret: s3cret }
            aws: { region: eu-west-1 }
            alerts:
              channel: C0ALERTS
              cutover:
                sides:%s
            pairs:
              - name: shop
                zoneId: Z0EXAMPLE
                blue: blue.example.com
                green: green.example.com
                approvers: [U0BOB0001]
                traffic:
                  backend: route53-weighted
                  name: shop.example.com
                  blue: shop-blue
                  green: shop-green
            """;

    static final String WARNING = "warning: traffic: green shop-green has no alerts.cutover side (its metrics)";

    String run(String sides) throws Exception {
        Path f = dir.resolve("cutover.yml");
        Files.writeString(f, CONFIG.formatted(sides));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertThat(cli.execute("check-config", "--config", f.toString()))
                .as(err.toString())
                .isZero();
        return out.toString();
    }

    @Test
    void aPairWithTrafficButNoMetricsForGreenIsWarnedAbout() throws Exception {
        assertThat(run(" []"))
                .contains(WARNING)
                .contains("/shift cannot confirm green's health, so no step is promoted without an approver's"
                        + " Promote now");
    }

    @Test
    void aPairWhoseGreenIsWatchedIsNotWarnedAbout() throws Exception {
        String watched = " [{target: shop-green, loadBalancer: app/green-alb/0123456789abcdef,"
                + " targetGroup: targetgroup/green-tg/0123456789abcdef}]";

        assertThat(run(watched)).doesNotContain("warning:");
    }
}
