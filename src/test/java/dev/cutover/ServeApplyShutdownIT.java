package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.redis.RedisApprovalStore;
import dev.cutover.redis.RedisAuditLog;
import dev.cutover.redis.TestRedis;
import dev.cutover.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process (the shaded jar) stopped mid-apply by a real signal, with WireMock
 * as Slack and as Route 53 (REST-XML), the real Redis, and signed slash commands and clicks posted to
 * its HTTP server: an apply that reaches INSYNC within the grace ends normally; one that does not is
 * handed back and resumed at once by the next start; a replica killed outright is resumed by another
 * within the lease plus one sweep.
 */
class ServeApplyShutdownIT extends SlackAndRoute53Fakes {
    private static final String CHANGE_ID = "C0123456789ABCDEFGHIJ";
    private static final Map<String, String> AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDTESTTESTTEST",
            "AWS_SECRET_ACCESS_KEY", "test-secret",
            "AWS_EC2_METADATA_DISABLED", "true");

    @TempDir
    Path dir;

    /** A pair name no other test uses: the bot keeps its keys in Redis under the default prefix. */
    final String pair = "shutdown-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

    final RedisApprovalStore store = new RedisApprovalStore(TestRedis.client(), "cutover:");
    final RedisAuditLog audit = new RedisAuditLog(TestRedis.client(), "cutover:");
    final List<ServeProcess> started = new ArrayList<>();
    final List<String> requests = new ArrayList<>();

    @AfterEach
    void stopAllAndForget() throws InterruptedException {
        for (ServeProcess p : started) {
            p.close();
        }
        requests.forEach(id -> TestRedis.client().del("cutover:req:" + id));
        TestRedis.deleteAll("cutover:pair:" + pair + ":");
        TestRedis.deleteAll("cutover:audit:" + pair);
    }

    ServeProcess serve(String name, String grace) {
        String yaml =
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: "%s", httpPort: 0, apiBaseUrl: "%s" }
                ops: { port: 0 }
                aws: { region: us-east-1, endpointOverride: "%s" }
                redis: { url: "%s" }
                shutdown: { grace: %s }
                scheduler: { shutdownTimeout: 1s }
                pairs:
                  - name: %s
                    zoneId: /hostedzone/%s
                    blue: blue.example.com
                    green: green.example.com
                    channels: [%s]
                    approvers: [%s]
                """
                        .formatted(
                                CutoverHarness.SECRET,
                                slack.apiBase(),
                                route53.endpoint(),
                                TestRedis.URL,
                                grace,
                                pair,
                                Route53Fake.ZONE,
                                CHANNEL,
                                APPROVER);
        ServeProcess p = ServeProcess.start(dir, name, yaml, AWS_ENV);
        started.add(p);
        p.awaitListening();
        return p;
    }

    /** /swap on {@code p}, approved there; returns once Route 53's change id is stored. */
    String requestedAndApproved(ServeProcess p) {
        int posts = slack.posts().size();
        p.post(SlackRequestBodies.command("swap", pair, REQUESTER, CHANNEL, slack.responseUrl("swap"), "swap"));
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.posts().size() > posts);
        String id = slack.requestIdOfLastPost();
        requests.add(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).message() != null);
        p.post(SlackRequestBodies.click(
                SwapMessages.APPROVE, id, APPROVER, CHANNEL, slack.responseUrl("approve"), "approve"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stored(id).apply() != null && stored(id).apply().changeId() != null);
        return id;
    }

    ApprovalRequest stored(String id) {
        return store.get(id).orElseThrow();
    }

    void getChangeInsync() {
        route53Wm.stubFor(get(urlEqualTo(Route53Fake.CHANGE))
                .willReturn(Route53Fake.xml(200, Route53Fake.fixture("get-change-insync.xml"))));
    }

    @Test
    void sigtermMidApplyThatTurnsInsyncWithinTheGraceEndsDoneAndExitsZero() throws Exception {
        route53.alwaysPending();
        ServeProcess a = serve("a", "15s");
        String id = requestedAndApproved(a);

        // GetChange turns INSYNC only after the signal: the apply finishes during the stop.
        a.sigtermAndAwaitCleanExit(Duration.ofSeconds(15), this::getChangeInsync);
        assertThat(stored(id).state()).as(a.log()).isEqualTo(ApprovalState.DONE);
        // The pair is free: the next /swap is accepted.
        assertThat(store.openRequest(pair)).isEmpty();
        assertThat(store.lastApplied(pair).orElseThrow().changeId()).isEqualTo(CHANGE_ID);
        assertThat(a.log()).contains("stopping (SIGTERM)", "stopped in ").doesNotContain("handed back");
    }

    /**
     * The HTTP drain window of the real process: while an apply waits for INSYNC after SIGTERM, a
     * signed slash command gets the ephemeral "restarting" answer and a signed click is acked and told
     * through its response_url; neither reaches the bot, and the process still exits 0 in the grace.
     */
    @Test
    void duringTheDrainACommandAndAClickAreAnsweredRestartingAndTheProcessExitsZero() throws Exception {
        route53.alwaysPending();
        ServeProcess a = serve("a", "10s");
        String id = requestedAndApproved(a);
        int posts = slack.posts().size();
        List<HttpResponse<String>> answers = new ArrayList<>();
        long[] answeredAfter = new long[1];
        long signalled = System.nanoTime();

        Duration took = a.sigtermAndAwaitCleanExit(Duration.ofSeconds(10), () -> {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !a.lines("draining: Slack requests are acked").isEmpty());
            answers.add(a.post(SlackRequestBodies.command(
                    "swap", pair, REQUESTER, CHANNEL, slack.responseUrl("drain-swap"), "drain-swap")));
            answers.add(a.post(SlackRequestBodies.click(
                    SwapMessages.REJECT, id, APPROVER, CHANNEL, slack.responseUrl("drain-click"), "drain-click")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !slack.responses("drain-click").isEmpty());
            answeredAfter[0] = System.nanoTime() - signalled;
            // Still draining: the apply in flight keeps the process up.
            assertThat(a.isAlive()).as(a.log()).isTrue();
        });
        System.out.printf(
                "drain: command and click answered %d ms after SIGTERM; exited 0 after %d ms%n",
                answeredAfter[0] / 1_000_000, took.toMillis());

        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        assertThat(answers.get(0).body())
                .contains("\"response_type\":\"ephemeral\"")
                .contains("restarting; try again in a moment");
        assertThat(answers.get(1).statusCode()).isEqualTo(200);
        assertThat(slack.responses("drain-click")).singleElement().satisfies(r -> {
            assertThat(r.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(r.path("text").asText())
                    .contains("cutover is restarting; nothing was done — click again in a moment");
        });
        // Neither reached the bot: no new request message, the click decided nothing.
        assertThat(slack.posts()).hasSize(posts);
        assertThat(slack.responses("drain-swap")).isEmpty();
        assertThat(stored(id).state()).isEqualTo(ApprovalState.APPLYING);
        assertThat(a.log()).contains("stopping (SIGTERM)", "stopped in ");
    }

    @Test
    void sigtermMidApplyStillPendingHandsItBackAndTheNextStartResumesItAtOnce() throws Exception {
        route53.alwaysPending();
        ServeProcess a = serve("a", "6s");
        String id = requestedAndApproved(a);

        a.sigtermAndAwaitCleanExit(Duration.ofSeconds(6), () -> {});
        assertThat(a.lines("handed back"))
                .singleElement()
                .asString()
                .contains(" INFO ", id, pair, "change " + CHANGE_ID, "another replica or the next start resumes it");
        ApprovalRequest handedBack = stored(id);
        assertThat(handedBack.state()).isEqualTo(ApprovalState.APPLYING);
        assertThat(handedBack.apply().changeId()).isEqualTo(CHANGE_ID);
        assertThat(handedBack.apply().lapsed(Instant.now())).isTrue();

        getChangeInsync();
        long restarted = System.nanoTime();
        ServeProcess b = serve("b", "6s");
        // At once: the lease lapsed at the hand-back, so the start-up sweep takes it (not 30 s later).
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(id).state() == ApprovalState.DONE);
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(20));
        assertThat(b.lines("resuming the apply of request " + id)).hasSize(1);
        assertThat(store.lastApplied(pair).orElseThrow().requestId()).isEqualTo(id);

        // Recorded like any apply: /rollback plans its undoing.
        route53.listSwapped();
        int posts = slack.posts().size();
        b.post(SlackRequestBodies.command("rollback", pair, REQUESTER, CHANNEL, slack.responseUrl("rb"), "rb"));
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.posts().size() > posts);
        requests.add(slack.requestIdOfLastPost());
        assertThat(SlackFake.textAndBlocks(slack.posts().get(posts))).contains("Rollback " + pair);
        assertThat(route53.changeBodies()).hasSize(1);
    }

    @Test
    void sigkillMidApplyIsResumedByTheOtherReplicaWithinTheLeaseAndOneSweepExactlyOnce() throws Exception {
        route53.alwaysPending();
        ServeProcess a = serve("a", "6s");
        ServeProcess b = serve("b", "6s");
        String id = requestedAndApproved(a);
        String ownerA = stored(id).apply().owner();

        long killed = System.nanoTime();
        a.sigkill();
        assertThat(a.awaitExit(Duration.ofSeconds(5))).isTrue();
        getChangeInsync();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stored(id).state() == ApprovalState.DONE);
        // At most the lease (30 s) plus one sweep period (30 s), with room for a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(70));
        assertThat(stored(id).apply().owner()).isNotEqualTo(ownerA);
        assertThat(b.lines("resuming the apply of request " + id)).hasSize(1);
        assertThat(audit.recent(pair, 50))
                .filteredOn(e -> e.detail().containsKey("resumedBy"))
                .hasSize(1);
        assertThat(route53.changeBodies()).hasSize(1);
        assertThat(store.openRequest(pair)).isEmpty();
    }
}
