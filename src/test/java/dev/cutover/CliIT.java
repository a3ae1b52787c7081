package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user runs it: {@code check-config} and {@code swap plan} against WireMock as Route 53. */
class CliIT {
    static final String GOOD =
            """
            slack:
              mode: socket
              botToken: xoxb-test
              appToken: xapp-test
            aws:
              region: ap-northeast-1
              endpointOverride: %s
            pairs:
              - name: blue-green
                zoneId: Z0000000000000000001
                blue: blue.example.com
                green: green.example.com
                approvers: [U0000000002]
              - name: api
                zoneId: Z0000000000000000001
                blue: api-blue.example.com
                green: api-green.example.com
                approvers: [S0000000001]
                breakGlass: true
            """;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    String savedKeyId;
    String savedSecret;

    @BeforeEach
    void credentials() {
        // The SDK's default chain reads these first: no environment or instance metadata is consulted.
        savedKeyId = System.getProperty("aws.accessKeyId");
        savedSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "AKIDTESTTESTTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void restore() {
        restore("aws.accessKeyId", savedKeyId);
        restore("aws.secretAccessKey", savedSecret);
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    int run(String... args) {
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    String good() {
        return GOOD.formatted("http://127.0.0.1:" + wm.getPort());
    }

    @Test
    void checkConfigOnAGoodFileExits0AndPrintsThePairs() throws IOException {
        Path f = file("cutover.yml", good());

        int status = run("check-config", "--config", f.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(f + ": OK")
                .contains("pairs: 2")
                .contains("blue-green: blue.example.com. <-> green.example.com. in zone Z0000000000000000001")
                .contains("api: api-blue.example.com. <-> api-green.example.com.")
                .contains("break-glass allowed");
    }

    @Test
    void checkConfigRefusesWhatServeWouldRefuseWithTheLine() throws IOException {
        Path f = file("socket.yml", good().replace("  appToken: xapp-test\n", ""));

        int status = run("check-config", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(f + ":1: slack.appToken: required in socket mode");
    }

    @Test
    void checkConfigNamesTheFileLineAndKeyOfABadZoneIdAndExits2() throws IOException {
        Path f = file(
                "broken.yml",
                good().replace("zoneId: Z0000000000000000001\n    blue: api", "zoneId: zone-1\n    blue: api"));

        int status = run("check-config", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        // line 13 is the second pair's zoneId
        assertThat(err.toString())
                .contains(f + ":15: pairs[1].zoneId: not a hosted zone id: expected a Route 53 hosted zone id");
        assertThat(out.toString()).doesNotContain("OK");
    }

    @Test
    void checkConfigNamesAnUnknownKeyAndExits2() throws IOException {
        Path f = file("typo.yml", good().replace("    breakGlass: true", "    breakglass: true"));

        int status = run("check-config", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains(f + ":19: pairs[1].breakglass: unknown key; allowed here: ")
                .contains("breakGlass");
    }

    @Test
    void checkConfigRefusesAnAliasWithItsLineAndExits2() throws IOException {
        Path f = file(
                "alias.yml",
                good().replace("approvers: [U0000000002]", "approvers: &appr [U0000000002]")
                        .replace("approvers: [S0000000001]", "approvers: *appr"));

        int status = run("check-config", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains(f + ":13: pairs[0].approvers: YAML anchors and aliases (&name / *name) are not"
                        + " supported; write the value out");
        assertThat(out.toString()).doesNotContain("OK");
    }

    @Test
    void checkConfigOnAMissingFileExits2() {
        int status = run("check-config", "--config", dir.resolve("nope.yml").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yml: no such file");
    }

    @Test
    void swapPlanPrintsBothRecordsAndTheDeleteCreateBatchAndAppliesNothing() throws IOException {
        Route53Fake route53 = new Route53Fake(wm);
        route53.stubOriginal();
        Path f = file("cutover.yml", good());

        int status = run("swap", "plan", "blue-green", "--config", f.toString());

        assertThat(status).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains("Pair blue-green in hosted zone Z0000000000000000001")
                .contains("blue.example.com. A ALIAS " + Route53Fake.BLUE_ALB)
                .contains("green.example.com. A ALIAS " + Route53Fake.GREEN_ALB);
        String json = printed.substring(printed.indexOf('{'));
        var batch = SlackFake.json(json);
        var changes = batch.path("Changes");
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0).path("Action").asText()).isEqualTo("DELETE");
        assertThat(changes.get(0).path("ResourceRecordSet").path("Name").asText())
                .isEqualTo("blue.example.com.");
        assertThat(changes.get(0)
                        .path("ResourceRecordSet")
                        .path("AliasTarget")
                        .path("DNSName")
                        .asText())
                .isEqualTo(Route53Fake.BLUE_ALB);
        assertThat(changes.get(1).path("Action").asText()).isEqualTo("DELETE");
        assertThat(changes.get(2).path("Action").asText()).isEqualTo("CREATE");
        assertThat(changes.get(2)
                        .path("ResourceRecordSet")
                        .path("AliasTarget")
                        .path("DNSName")
                        .asText())
                .isEqualTo(Route53Fake.GREEN_ALB);
        assertThat(changes.get(3).path("Action").asText()).isEqualTo("CREATE");
        assertThat(json).doesNotContain("UPSERT");
        wm.verify(2, getRequestedFor(urlPathEqualTo(Route53Fake.RRSET)));
        wm.verify(0, postRequestedFor(urlPathEqualTo(Route53Fake.RRSET + "/")));
    }

    @Test
    void swapPlanOfAnUnknownPairExits2AndNamesTheKnownOnes() throws IOException {
        Path f = file("cutover.yml", good());

        int status = run("swap", "plan", "purple", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("unknown pair 'purple'; known pairs: blue-green, api");
        wm.verify(0, getRequestedFor(urlPathEqualTo(Route53Fake.RRSET)));
    }

    @Test
    void swapPlanOfAMistypedPairSuggestsTheClosest() throws IOException {
        Path f = file("cutover.yml", good());

        int status = run("swap", "plan", "blue-gren", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains("unknown pair 'blue-gren'; did you mean 'blue-green'? known pairs: blue-green, api");
        wm.verify(0, getRequestedFor(urlPathEqualTo(Route53Fake.RRSET)));
    }

    @Test
    void swapPlanOfAnUnknownPairListsAtMost20KnownOnes() throws IOException {
        StringBuilder yaml = new StringBuilder(good());
        for (int i = 0; i < 25; i++) {
            yaml.append("  - name: extra-")
                    .append(i)
                    .append("\n    zoneId: Z0000000000000000001\n    blue: b")
                    .append(i)
                    .append(".example.com\n    green: g")
                    .append(i)
                    .append(".example.com\n    approvers: [U0000000002]\n");
        }
        Path f = file("many.yml", yaml.toString());

        int status = run("swap", "plan", "purple", "--config", f.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains("known pairs: blue-green, api, extra-0, ")
                .contains("extra-17 …and 7 more (check-config lists them all)")
                .doesNotContain("extra-18");
    }

    @Test
    void swapWithoutASubcommandIsBadUsage() {
        int status = run("swap");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("plan");
    }
}
