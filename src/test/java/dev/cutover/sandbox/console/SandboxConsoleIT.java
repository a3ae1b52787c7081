package dev.cutover.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.HomePorts;
import dev.cutover.app.SandboxWiring;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox console end to end: signed Slack requests over loopback into the real bot. */
class SandboxConsoleIT {
    private record Run(int status, String transcript) {}

    private static CutoverConfig builtIn() throws IOException {
        try (var in = SandboxConsoleIT.class.getResourceAsStream("/sandbox/cutover-sandbox.yml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A short INSYNC delay keeps the suite fast; the demo's 2 s is for people.
            yaml = yaml.replace("insyncDelay: 2s", "insyncDelay: 200ms");
            return new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("sandbox.yml", yaml);
        }
    }

    private static Run run(String script) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = SandboxWiring.runConsole(builtIn(), new BufferedReader(new StringReader(script)), out, true);
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoScriptSwapsThenRestoresAndShowsTheRefusal() throws IOException {
        Run r = run(Files.readString(Path.of("config/demo.script")));
        assertThat(r.status()).as(r.transcript()).isZero();
        String t = r.transcript();
        assertThat(t).contains("cannot approve your own request (four-eyes)");
        int swapped = t.indexOf("blue.example.com. A -> green-alb-0987654321");
        int restored = t.lastIndexOf("blue.example.com. A -> blue-alb-1234567890");
        assertThat(swapped).isPositive();
        assertThat(restored).isGreaterThan(swapped);
        assertThat(t).doesNotContain("FAILED at");
    }

    @Test
    void slackCallsCountsEachWebApiMethodTheBotCalledAgainstSlacksLimit() throws IOException {
        Run r = run(String.join(
                "\n",
                "as alice",
                "home",
                "/swap blue-green",
                "as bob",
                "click approve",
                "expect INSYNC after",
                "slack-calls",
                "expect busiest minute",
                ""));
        assertThat(r.status()).as(r.transcript()).isZero();
        String calls = r.transcript().substring(r.transcript().lastIndexOf("slack-calls"));
        // The request, its thread's progress and the outcome: posts and edits, each within its limit.
        assertThat(calls)
                .containsPattern("chat\\.postMessage\\s+\\d+\\s+\\d+\\s+60 \\(1/s per channel\\): within")
                .containsPattern("chat\\.update\\s+\\d+\\s+\\d+\\s+50 \\(Tier 3\\): within")
                .containsPattern("views\\.publish\\s+\\d+\\s+\\d+\\s+100 \\(Tier 4\\): within");
    }

    @Test
    void withProductionPacingALineAfterHomeDoesNotWaitForTheNextPacedPublish() throws IOException {
        String script = String.join(
                "\n",
                "as alice",
                "home",
                // A change re-publishes alice's Home, paced: not before 15 s after the first publish.
                "/swap freeze blue-green release week",
                "state",
                "expect blue.example.com",
                "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();

        int status = SandboxWiring.runConsole(builtIn(), new BufferedReader(new StringReader(script)), out, true, true);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(transcript).isZero();
        assertThat(transcript).contains("is frozen by");
        // Waiting for the paced publish would take the whole interval after the first one.
        assertThat(took).as(transcript).isLessThan(HomePorts.DEFAULT_INTERVAL);
    }

    @Test
    void anAlarmWithoutDataKeepsItsIncidentOpenUntilItRecovers() throws IOException {
        Run r = run(String.join(
                "\n",
                "alarm orders-latency ALARM",
                "expect orders-latency is ALARM",
                "alarm orders-latency insufficient_data",
                "expect orders-latency is INSUFFICIENT_DATA",
                "alarm orders-latency OK",
                "expect orders-latency recovered after",
                ""));
        assertThat(r.status()).as(r.transcript()).isZero();
        assertThat(run("alarm orders-latency MAYBE\n").transcript())
                .contains("usage: alarm <name> ALARM|OK|INSUFFICIENT_DATA");
    }

    @Test
    void failedExpectEndsTheScriptWithStatusOne() throws IOException {
        Run r = run("state\nexpect no-such-record.example.com\nstate\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.transcript()).contains("FAILED at: expect no-such-record.example.com");
    }

    @Test
    void driftBehindTheBotsBackIsRefusedAndNothingIsApplied() throws IOException {
        Run r = run(String.join(
                "\n",
                "as alice",
                "/swap blue-green",
                "drift green.example.com other-alb.us-east-1.elb.amazonaws.com",
                "as bob",
                "click approve",
                "expect records changed since the request; nothing was applied",
                "state",
                "expect blue.example.com. A -> blue-alb-1234567890",
                "expect green.example.com. A -> other-alb"));
        assertThat(r.status()).as(r.transcript()).isZero();
        // The target's own trailing dot ends the sentence (it read "...amazonaws.com..").
        assertThat(r.transcript())
                .contains("other-alb.us-east-1.elb.amazonaws.com.")
                .doesNotContain("amazonaws.com..");
    }

    @Test
    void rejectAsksForAReasonInADialog() throws IOException {
        Run r = run(String.join(
                "\n",
                "as alice",
                "/swap blue-green",
                "as bob",
                "click reject",
                "expect Why are you rejecting",
                "reason canary still failing",
                "expect Rejected by @bob",
                "expect canary still failing",
                "/swap blue-green",
                "expect waiting for approval"));
        assertThat(r.status()).as(r.transcript()).isZero();
    }

    @Test
    void nonApproverAndGroupMember() throws IOException {
        Run r = run(String.join(
                "\n",
                "as alice",
                "/swap blue-green",
                "as dave",
                "click approve",
                "expect not an approver",
                "as carol",
                "click approve",
                "expect INSYNC after"));
        assertThat(r.status()).as(r.transcript()).isZero();
    }

    @Test
    void cronJobsRunFromTheConsoleWithOneNoticeAfterTheLastAttempt() throws IOException {
        Run r = run(String.join(
                "\n",
                "/cron list",
                "expect sandbox-hello",
                "expect `0 * * * * ?` in UTC",
                "/cron run sandbox-hello",
                "expect succeeded (1 attempt, exit 0",
                "/cron run sandbox-flaky",
                "expect Job sandbox-flaky: failed",
                "expect cannot reach the database",
                "/cron history sandbox-flaky",
                "expect failed (3 attempts, exit 3"));
        assertThat(r.status()).as(r.transcript()).isZero();
        assertThat(r.transcript().split("== Job sandbox-flaky: failed ==", -1)).hasSize(2);
    }

    @Test
    void aGuardAlarmRaisedFromTheConsoleRevertsARunningShiftAndRecovers() throws IOException {
        Run r = run(String.join(
                "\n",
                "help",
                "expect alarm <name> ALARM|OK",
                "as alice",
                "/shift blue-green",
                "as bob",
                "click approve",
                "await Step 1 of 3 applied",
                "alarm blue-green-5xx ALARM",
                "expect blue-green-5xx is ALARM",
                "await Reverted to",
                "alarm blue-green-5xx OK",
                "expect blue-green-5xx recovered after",
                "alarm orders-latency ALARM",
                "expect orders-latency is ALARM",
                "alarm nope ALARM",
                "expect no alarms.routes entry matches `nope`"));
        assertThat(r.status()).as(r.transcript()).isEqualTo(1);
        assertThat(r.transcript()).contains("FAILED at: alarm nope ALARM");
        assertThat(r.transcript()).contains("guard alarm blue-green-5xx is ALARM");
    }

    @Test
    void queueAlertFiresEscalatesAndRecoversInOneMessage() throws IOException {
        Run r = run(String.join(
                "\n",
                "queue orders-worker 150",
                "expect orders-worker is warning",
                "queue orders-worker 350",
                "expect warning → critical: 350 visible",
                "queue orders-worker 10",
                "expect recovered after",
                "/cutover status",
                "expect `orders-worker`: 10 visible",
                "service prod/api 6 4",
                "expect Desired 2 → 6, running 2 → 4",
                "queue nope",
                "expect usage: queue <name>"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.transcript()).contains("FAILED at: queue nope");
        assertThat(r.transcript().split("\\[#sandbox] bot:\n  ⚠️ orders-worker is warning", -1))
                .hasSize(2);
    }

    @Test
    void badInputIsAnsweredNotCrashed() throws IOException {
        Run r = run(String.join(
                "\n",
                "/swap nope",
                "expect Unknown pair `nope`. Known pairs: `blue-green`",
                "/rollback blue-green",
                "expect nothing to roll back",
                "/swap freeze blue-green",
                "expect the reason is required",
                "/swap freeze blue-green release train",
                "/swap blue-green",
                "expect frozen by @alice",
                "/swap unfreeze blue-green",
                "/swap blue-green",
                "expect waiting for approval"));
        assertThat(r.status()).as(r.transcript()).isZero();
    }

    @Test
    void theHomeShowsThePairTheApproversButtonsAndAnIncidentAndItsApproveUpdatesTheChannel() throws IOException {
        Run r = run(String.join(
                "\n",
                "help",
                "expect home ",
                "as alice",
                "/swap blue-green",
                "home",
                "expect Swap pairs",
                "expect waiting for approval (0 of 1)",
                "expect [",
                "as bob",
                "home",
                "expect Approve]",
                "click approve",
                "expect INSYNC after",
                "home",
                "expect blue.example.com. → A alias green-alb",
                "expect cutover watch open",
                "queue orders-worker 350",
                "home",
                "expect critical queue `orders-worker` since",
                "alarm orders-latency ALARM",
                "home",
                "expect 🔴 ALARM alarm `orders-latency` since",
                "/cutover status",
                "expect Alarms in ALARM",
                "expect `orders-latency` ALARM since",
                "alarm orders-latency OK",
                "home",
                "expect critical queue `orders-worker` since"));
        assertThat(r.status()).as(r.transcript()).isZero();
        // Alice's own request had only Cancel on her Home; Bob's click went through the Home.
        String t = r.transcript();
        int alicesHome = t.indexOf("(your Home tab of the app:)");
        int bobsHome = t.indexOf("(your Home tab of the app:)", alicesHome + 1);
        assertThat(t.substring(alicesHome, bobsHome)).contains("Cancel]").doesNotContain("Approve]");
        // The alarm's recovery took it off the Home.
        assertThat(t.substring(t.lastIndexOf("(your Home tab of the app:)"))).doesNotContain("orders-latency");
    }

    /** Regression: the answer to a late Home click was shown on one publish only, and the next open lost it. */
    @Test
    void aLateClickOnTheHomeIsAnsweredOnTheHome() throws IOException {
        Run r = run(String.join(
                "\n",
                "as alice",
                "/swap blue-green",
                "expect waiting for approval",
                "as carol",
                "home",
                "expect Approve]",
                "as bob",
                "click approve",
                "expect INSYNC after",
                "as carol",
                "click approve",
                "home",
                "expect This request is already done (approved by @bob"));
        assertThat(r.status()).as(r.transcript()).isZero();
    }
}
