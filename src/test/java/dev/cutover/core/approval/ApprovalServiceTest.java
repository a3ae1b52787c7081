package dev.cutover.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.commands.RefusalText;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApprovalServiceTest {
    private static final String PAIR = "blue-green";
    private final MutableClock clock = new MutableClock(Requests.NOW);
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final Directory directory =
            group -> Map.of("S0OPS", Set.of("U-CAROL")).getOrDefault(group, Set.of());
    private final AtomicInteger ids = new AtomicInteger();
    private final java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ApprovalService service = new ApprovalService(
            store,
            audit,
            directory,
            clock,
            () -> "req" + ids.incrementAndGet(),
            r -> heard.add(r.id() + ":" + r.state()));

    private ApprovalPolicy policy(int required, boolean breakGlass) {
        return new ApprovalPolicy(
                Set.of("C-OPS"),
                Set.of(),
                Set.of("U-ALICE", "U-BOB", "S0OPS"),
                required,
                Duration.ofMinutes(15),
                breakGlass);
    }

    private ApprovalRequest open(ApprovalPolicy policy) {
        Outcome o = service.open(ChangeKind.SWAP, Requests.mixedPlan(PAIR), policy, "U-REQUESTER", "C-OPS");
        return ((Outcome.Done) o).request();
    }

    @Test
    void oneApprovalFromAnotherApproverApproves() {
        ApprovalRequest r = open(policy(1, false));
        Outcome o = service.approve(r.id(), "U-ALICE", null, policy(1, false));
        assertThat(o).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) o).request().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(audit.recent(PAIR, 10)).extracting(e -> e.action()).containsExactly("approved", "requested");
    }

    @Test
    void aSwapRefusedBecauseATrafficShiftHoldsThePairNamesTheShift() {
        ApprovalPolicy p = policy(1, false);
        dev.cutover.core.traffic.ShiftPlan plan = dev.cutover.core.traffic.ShiftPlan.of(
                PAIR,
                new dev.cutover.core.traffic.Weights(100, 0),
                java.util.List.of(10, 100),
                100,
                Duration.ofMinutes(5),
                dev.cutover.core.traffic.ShiftPlan.OnAlarm.HALT);
        dev.cutover.core.traffic.Shift shift = dev.cutover.core.traffic.Shift.requested(
                "sh1", plan, "U-CAROL", "C-OPS", 1, Requests.NOW, Duration.ofMinutes(15));
        assertThat(store.shifts().createIfIdle(shift)).isEmpty();
        service.describeOtherChanges(id -> store.shifts()
                .get(id)
                .<Refusal>map(s -> new Refusal.ShiftBusy(s.pair(), s.id(), s.stateWord(), s.requester())));

        Outcome o = service.open(ChangeKind.SWAP, Requests.mixedPlan(PAIR), p, "U-REQUESTER", "C-OPS");

        assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.reply(f.why()))
                .isEqualTo(":no_entry: Another change of *blue-green* is in progress: a traffic shift of"
                        + " *blue-green* (pending, requested by <@U-CAROL>, `/shift blue-green status`). One change at"
                        + " a time per pair."));
    }

    @Test
    void requesterCannotApproveOwnRequest() {
        ApprovalRequest r = open(policy(1, false));
        Outcome o = service.approve(r.id(), "U-REQUESTER", null, policy(1, false));
        assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                .contains("four-eyes"));
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void breakGlassNeedsReasonAndIsFlagged() {
        ApprovalPolicy p = new ApprovalPolicy(
                Set.of("C-OPS"), Set.of(), Set.of("U-ALICE", "U-REQUESTER"), 1, Duration.ofMinutes(15), true);
        ApprovalRequest r = open(p);
        assertThat(service.approve(r.id(), "U-REQUESTER", " ", p)).isInstanceOf(Outcome.Refused.class);
        Outcome o = service.approve(r.id(), "U-REQUESTER", "prod down, nobody awake", p);
        ApprovalRequest done = ((Outcome.Done) o).request();
        assertThat(done.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(done.breakGlassUsed()).isTrue();
        assertThat(audit.recent(PAIR, 1).get(0).action()).isEqualTo("break-glass");
        assertThat(audit.recent(PAIR, 1).get(0).detail()).containsEntry("breakGlassReason", "prod down, nobody awake");
    }

    @Test
    void aBreakGlassReasonOverFiveHundredCharactersIsRefusedAndTheRequestStaysPending() {
        ApprovalPolicy p = new ApprovalPolicy(
                Set.of("C-OPS"), Set.of(), Set.of("U-ALICE", "U-REQUESTER"), 1, Duration.ofMinutes(15), true);
        ApprovalRequest r = open(p);
        assertThat(service.approve(r.id(), "U-REQUESTER", "x".repeat(501), p))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("501 characters long; at most 500"));
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(audit.recent(PAIR, 10)).extracting(e -> e.action()).containsExactly("requested");
        assertThat(service.approve(r.id(), "U-REQUESTER", "y".repeat(500), p)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void breakGlassIsOnlyForARequesterWhoIsAnApprover() {
        ApprovalPolicy p = policy(1, true);
        ApprovalRequest r = open(p);
        assertThat(service.approve(r.id(), "U-REQUESTER", "prod down", p))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("not an approver"));
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void nonApproverRefusedButGroupMemberAccepted() {
        ApprovalRequest r = open(policy(1, false));
        assertThat(service.approve(r.id(), "U-MALLORY", null, policy(1, false)))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("not an approver"));
        assertThat(service.approve(r.id(), "U-CAROL", null, policy(1, false))).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void requiredApprovalsCountDistinctUsers() {
        ApprovalPolicy p = policy(2, false);
        ApprovalRequest r = open(p);
        assertThat(((Outcome.Done) service.approve(r.id(), "U-ALICE", null, p))
                        .request()
                        .state())
                .isEqualTo(ApprovalState.PENDING);
        assertThat(service.approve(r.id(), "U-ALICE", null, p))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("already approved"));
        assertThat(((Outcome.Done) service.approve(r.id(), "U-BOB", null, p))
                        .request()
                        .state())
                .isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void expiredRequestIsRefusedAndFreesThePair() {
        ApprovalRequest r = open(policy(1, false));
        clock.advance(Duration.ofMinutes(16));
        assertThat(service.approve(r.id(), "U-ALICE", null, policy(1, false)))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("expired"));
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void everyWayOfNoticingAnExpiryTellsTheListenerOnce() {
        ApprovalRequest r = open(policy(1, false));
        clock.advance(Duration.ofMinutes(16));
        service.approve(r.id(), "U-ALICE", null, policy(1, false));
        service.expireIfDue(r.id());
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-OPS")).isEmpty();
        assertThat(heard).containsExactly(r.id() + ":EXPIRED");
    }

    @Test
    void busyPairRefusesSecondRequestUntilTheFirstExpires() {
        open(policy(1, false));
        Outcome second = service.open(ChangeKind.SWAP, Requests.mixedPlan(PAIR), policy(1, false), "U-BOB", "C-OPS");
        assertThat(second).isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                .contains("in progress"));
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-OPS").map(RefusalText::of))
                .get()
                .asString()
                .contains("in progress");
        clock.advance(Duration.ofMinutes(15));
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-OPS")).isEmpty();
    }

    @Test
    void rejectNeedsApproverAndReason() {
        ApprovalRequest r = open(policy(1, false));
        assertThat(service.reject(r.id(), "U-ALICE", "", policy(1, false))).isInstanceOf(Outcome.Refused.class);
        assertThat(service.reject(r.id(), "U-REQUESTER", "no", policy(1, false)))
                .isInstanceOf(Outcome.Refused.class);
        Outcome o = service.reject(r.id(), "U-ALICE", "deploy not verified", policy(1, false));
        assertThat(((Outcome.Done) o).request().state()).isEqualTo(ApprovalState.REJECTED);
        assertThat(service.approve(r.id(), "U-BOB", null, policy(1, false)))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("already rejected"));
    }

    @Test
    void onlyRequesterCancels() {
        ApprovalRequest r = open(policy(1, false));
        assertThat(service.cancel(r.id(), "U-ALICE")).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Done) service.cancel(r.id(), "U-REQUESTER"))
                        .request()
                        .state())
                .isEqualTo(ApprovalState.CANCELLED);
    }

    @Test
    void freezeRefusesNewRequestsUntilLifted() {
        assertThat(service.freezes().freeze(PAIR, "U-ANYONE", "black friday", policy(1, false)))
                .isEmpty();
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-OPS").map(RefusalText::of))
                .get()
                .asString()
                .contains("black friday");
        assertThat(service.freezes()
                        .unfreeze(PAIR, "U-MALLORY", policy(1, false))
                        .map(RefusalText::of))
                .get()
                .asString()
                .contains("only an approver");
        assertThat(service.freezes().unfreeze(PAIR, "U-ALICE", policy(1, false)))
                .isEmpty();
        assertThat(service.freezes().unfreeze(PAIR, "U-ALICE", policy(1, false)).map(RefusalText::of))
                .get()
                .asString()
                .contains("is not frozen");
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-OPS")).isEmpty();
    }

    @Test
    void wrongChannelAndNonRequesterRefused() {
        assertThat(service.precheck(PAIR, policy(1, false), "U-BOB", "C-RANDOM").map(RefusalText::of))
                .get()
                .asString()
                .contains("<#C-OPS>");
        ApprovalPolicy restricted =
                new ApprovalPolicy(Set.of(), Set.of("S0OPS"), Set.of("U-ALICE"), 1, Duration.ofMinutes(5), false);
        assertThat(service.precheck(PAIR, restricted, "U-BOB", "C-X").map(RefusalText::of))
                .get()
                .asString()
                .contains("not allowed");
        assertThat(service.precheck(PAIR, restricted, "U-CAROL", "C-X")).isEmpty();
    }

    @Test
    void onlyOneCallerBeginsTheApply() {
        ApprovalRequest r = open(policy(1, false));
        service.approve(r.id(), "U-ALICE", null, policy(1, false));
        assertThat(service.beginApply(r.id())).isPresent();
        assertThat(service.beginApply(r.id())).isEmpty();
        assertThat(service.finish(r.id(), ApprovalState.DONE, "ok").state()).isEqualTo(ApprovalState.DONE);
        assertThat(store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aFreezeDeclaredWhileARequestIsPendingStopsItsApprovalButNotItsCancellation() {
        ApprovalPolicy p = policy(1, true);
        ApprovalRequest r = open(p);
        service.freezes().freeze(PAIR, "U-BOB", "incident 42", p);

        assertThat(service.approve(r.id(), "U-ALICE", null, p))
                .isInstanceOfSatisfying(Outcome.Refused.class, f -> assertThat(RefusalText.of(f.why()))
                        .contains("frozen", "incident 42", "/swap unfreeze " + PAIR));
        assertThat(service.approve(r.id(), "U-REQUESTER", "prod down", p)).isInstanceOf(Outcome.Refused.class);
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);

        service.freezes().unfreeze(PAIR, "U-BOB", p);
        assertThat(service.approve(r.id(), "U-ALICE", null, p)).isInstanceOf(Outcome.Done.class);
    }
}
