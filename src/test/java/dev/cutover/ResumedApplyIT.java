package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.logging.FormattedLogCapture;
import dev.cutover.redis.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bot replicas over one real Redis: the one applying dies mid-apply (its executor stopped
 * abruptly), and the other resumes the apply once the owner's lease lapsed, finishes it and records
 * it for {@code /rollback}. WireMock as Slack and Route 53.
 */
class ResumedApplyIT extends SlackAndRoute53Fakes {
    private static final String CHANGE_ID = "C0123456789ABCDEFGHIJ";

    final String prefix = TestRedis.newPrefix();
    final ExecutorService dying = Executors.newSingleThreadExecutor();
    CutoverHarness a;
    CutoverHarness b;
    CutoverHarness c;

    @BeforeEach
    void start() {
        String pairs = CutoverHarness.pair(PAIR, "15m", false);
        a = new CutoverHarness(slack, route53, pairs, prefix);
        b = new CutoverHarness(slack, route53, pairs, prefix);
        c = new CutoverHarness(slack, route53, pairs, prefix);
    }

    @AfterEach
    void close() {
        dying.shutdownNow();
        for (CutoverHarness h : List.of(a, b, c)) {
            h.close();
        }
    }

    /** A request made and approved on replica a (approved without starting the apply). */
    String approvedOnA() {
        a.swap(PAIR, REQUESTER);
        eventually().until(() -> a.store.openRequest(PAIR).isPresent());
        String id = a.store.openRequest(PAIR).orElseThrow();
        eventually().until(() -> a.store.get(id).map(r -> r.message() != null).orElse(false));
        a.bot.workflow().approve(id, APPROVER);
        return id;
    }

    ApprovalRequest stored(String id) {
        return b.store.get(id).orElseThrow();
    }

    void lapseLeases() {
        b.clock.advance(SwapWorkflow.LEASE.plusSeconds(1));
        c.clock.advance(SwapWorkflow.LEASE.plusSeconds(1));
    }

    @Test
    void aReplicaKilledWhileWaitingForInsyncIsResumedByAnotherWhichFinishesAndRecordsIt() throws Exception {
        route53.alwaysPending();
        String id = approvedOnA();
        dying.submit(() -> a.bot.workflow().apply(id));
        eventually()
                .until(() -> stored(id).apply() != null && stored(id).apply().changeId() != null);

        // Replica a dies: its executor stops at once, mid-wait for INSYNC.
        dying.shutdownNow();
        assertThat(dying.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        ApprovalRequest orphan = stored(id);
        assertThat(orphan.state()).isEqualTo(ApprovalState.APPLYING);
        String deadOwner = orphan.apply().owner();

        // Within the lease nobody takes it over.
        b.bot.workflow().expireDue();
        assertThat(stored(id).apply().owner()).isEqualTo(deadOwner);

        route53Wm.stubFor(get(urlEqualTo(Route53Fake.CHANGE))
                .willReturn(Route53Fake.xml(200, Route53Fake.fixture("get-change-insync.xml"))));
        lapseLeases();
        // Two replicas sweep at once: exactly one resumes it.
        CompletableFuture<Integer> onB =
                CompletableFuture.supplyAsync(() -> b.bot.workflow().expireDue());
        CompletableFuture<Integer> onC =
                CompletableFuture.supplyAsync(() -> c.bot.workflow().expireDue());
        CompletableFuture.allOf(onB, onC).get();

        ApprovalRequest done = stored(id);
        assertThat(done.state()).isEqualTo(ApprovalState.DONE);
        assertThat(done.outcome()).contains("Applied: change `" + CHANGE_ID + "` INSYNC");
        assertThat(b.audit.recent(PAIR, 50))
                .filteredOn(e -> e.detail().containsKey("resumedBy"))
                .hasSize(1);
        assertThat(b.store.lastApplied(PAIR).orElseThrow().changeId()).isEqualTo(CHANGE_ID);
        assertThat(b.store.openRequest(PAIR)).isEmpty();
        assertThat(route53.changeBodies()).hasSize(1);
        eventually().untilAsserted(() -> assertThat(slack.lastUpdate()).contains("applied", "INSYNC after"));

        // Recorded like any other apply: /rollback plans its undoing.
        route53.listSwapped();
        int posts = slack.posts().size();
        b.command("rollback", PAIR, REQUESTER, CHANNEL);
        eventually().until(() -> slack.posts().size() > posts);
        assertThat(SlackFake.textAndBlocks(slack.posts().get(posts))).contains("Rollback blue-green");
    }

    @Test
    void aReplicaStoppedWhileWaitingForInsyncHandsTheApplyBackAndAnotherResumesItAtOnce() {
        route53.alwaysPending();
        String id = approvedOnA();
        a.bot.execute(() -> a.bot.workflow().apply(id));
        eventually()
                .until(() -> stored(id).apply() != null && stored(id).apply().changeId() != null);

        List<String> lines;
        long started = System.nanoTime();
        try (FormattedLogCapture log = new FormattedLogCapture()) {
            a.bot.close(Duration.ofMillis(1500));
            lines = log.lines();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(lines)
                .filteredOn(l -> l.contains("handed back"))
                .singleElement()
                .asString()
                .contains(" INFO ", id, PAIR, "change " + CHANGE_ID, "another replica or the next start resumes it");
        ApprovalRequest handedBack = stored(id);
        assertThat(handedBack.state()).isEqualTo(ApprovalState.APPLYING);
        assertThat(handedBack.apply().changeId()).isEqualTo(CHANGE_ID);
        // Lapsed now, not 30 s from now: the next sweep anywhere takes it over without waiting.
        assertThat(handedBack.apply().lapsed(b.clock.instant())).isTrue();

        route53Wm.stubFor(get(urlEqualTo(Route53Fake.CHANGE))
                .willReturn(Route53Fake.xml(200, Route53Fake.fixture("get-change-insync.xml"))));
        b.bot.workflow().expireDue();

        assertThat(stored(id).state()).isEqualTo(ApprovalState.DONE);
        assertThat(b.store.lastApplied(PAIR).orElseThrow().changeId()).isEqualTo(CHANGE_ID);
        assertThat(route53.changeBodies()).hasSize(1);
    }

    @Test
    void anApplyStoppedBeforeRoute53AnsweredIsHandedBackUnsubmittedAndTheResumerReadsTheRecords() {
        // Route 53 answers the batch only after the replica's stop budget has run out.
        route53.changeReturns(Route53Fake.xml(200, Route53Fake.fixture("change-resource-record-sets-pending.xml"))
                .withFixedDelay(4000));
        String id = approvedOnA();
        a.bot.execute(() -> a.bot.workflow().apply(id));
        // APPLYING: the re-read takes milliseconds, then the submit waits for Route 53 past the budget.
        eventually().until(() -> stored(id).state() == ApprovalState.APPLYING);

        List<String> lines;
        try (FormattedLogCapture log = new FormattedLogCapture()) {
            a.bot.close(Duration.ofMillis(1500));
            lines = log.lines();
        }

        assertThat(lines)
                .filteredOn(l -> l.contains("handed back"))
                .singleElement()
                .asString()
                .contains(id, PAIR, "not submitted", "another replica or the next start resumes it");
        ApprovalRequest handedBack = stored(id);
        assertThat(handedBack.state()).isEqualTo(ApprovalState.APPLYING);
        assertThat(handedBack.apply().lapsed(b.clock.instant())).isTrue();

        // The batch was applied after all: the resumer finds the records as planned after.
        route53.listSwapped();
        b.bot.workflow().expireDue();
        assertThat(stored(id).state()).isEqualTo(ApprovalState.DONE);
        assertThat(b.store.lastApplied(PAIR).orElseThrow().requestId()).isEqualTo(id);
    }

    @Test
    void anApplyWithoutAStoredChangeIdIsDoneWhenTheRecordsAreAsPlannedAfter() {
        String id = approvedOnA();
        // Replica a took the apply and died before Route 53's answer was stored; the batch was applied.
        a.bot.workflow()
                .approvals()
                .leases()
                .begin(id, "apply-dead", a.clock.instant().plus(SwapWorkflow.LEASE));
        route53.listSwapped();
        lapseLeases();

        b.bot.workflow().expireDue();

        ApprovalRequest done = stored(id);
        assertThat(done.state()).isEqualTo(ApprovalState.DONE);
        assertThat(done.outcome()).contains("records are now as planned");
        assertThat(b.store.lastApplied(PAIR).orElseThrow().requestId()).isEqualTo(id);
        assertThat(route53.changeBodies()).isEmpty();
        assertThat(b.audit.recent(PAIR, 50)).extracting(AuditEvent::action).contains("done");
    }

    @Test
    void anApplyWithoutAStoredChangeIdIsDriftedWithTheDifferenceWhenTheRecordsAreNeither() {
        String id = approvedOnA();
        a.bot.workflow()
                .approvals()
                .leases()
                .begin(id, "apply-dead", a.clock.instant().plus(SwapWorkflow.LEASE));
        String canary = "dualstack.api-canary-5555555555.ap-northeast-1.elb.amazonaws.com.";
        route53.listReturns(Route53Fake.aliasPair(canary, Route53Fake.GREEN_ALB));
        lapseLeases();

        b.bot.workflow().expireDue();

        ApprovalRequest drifted = stored(id);
        assertThat(drifted.state()).isEqualTo(ApprovalState.DRIFTED);
        assertThat(drifted.outcome()).contains("blue.example.com. was A alias DNSName", canary);
        assertThat(b.store.openRequest(PAIR)).isEmpty();
    }
}
