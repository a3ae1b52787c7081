package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request whose apply never ended (its replica died) is resumed by the sweep once its lease lapsed. */
class SwapRecoveryTest {
    private static final Duration INSYNC_TIMEOUT = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Requests.NOW);
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final DnsRecords dns =
            new Route53DnsRecords(SandboxAccount.route53(clock, Duration.ZERO), Duration.ofMillis(10));
    private final PairCatalog pairs = PairCatalogs.of(List.of(new SwapPairConfig(
            "blue-green",
            SandboxAccount.ZONE_ID,
            SandboxAccount.BLUE,
            SandboxAccount.GREEN,
            null,
            null,
            List.of("U0BOB"),
            1,
            null,
            null,
            null,
            null,
            null)));
    private final SwapWiring swaps = SwapWiring.build(
            pairs,
            dns,
            store,
            new InMemoryAuditLog(),
            group -> Set.of(),
            notifier,
            clock,
            () -> "req-1",
            INSYNC_TIMEOUT,
            applied -> {},
            Rechecks.NONE);
    private final ApprovalService approvals = swaps.approvals();
    private final SwapWorkflow flow = swaps.workflow();

    private ApprovalRequest approvedAndAbandoned(boolean applying) {
        PairCatalog.Entry e = pairs.find("blue-green").orElseThrow();
        Outcome o =
                approvals.open(ChangeKind.SWAP, new SwapPlanner(dns).plan(e.pair()), e.policy(), "U0ALICE", "C0OPS");
        ApprovalRequest r = ((Outcome.Done) o).request();
        approvals.attachMessage(r.id(), notifier.post("C0OPS", Message.text("request")));
        approvals.approve(r.id(), "U0BOB", null, e.policy());
        if (applying) {
            approvals
                    .leases()
                    .begin(r.id(), "apply-dead-replica", clock.instant().plus(SwapWorkflow.LEASE));
        }
        // The replica that won the apply dies here: nobody ever finishes the request.
        return r;
    }

    @Test
    void anApplyWhoseOwnerStoppedBeforeSubmittingIsResumedOnceItsLeaseLapsedAndSaysNothingWasApplied() {
        ApprovalRequest r = approvedAndAbandoned(true);
        clock.advance(SwapWorkflow.LEASE.minusSeconds(1));
        flow.expireDue();
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.APPLYING);

        clock.advance(Duration.ofSeconds(1));
        flow.expireDue();

        ApprovalRequest after = store.get(r.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ApprovalState.FAILED);
        assertThat(after.outcome()).contains("stopped before Route 53 accepted anything", "nothing was applied");
        assertThat(store.openRequest("blue-green")).isEmpty();
        assertThat(store.lastApplied("blue-green")).isEmpty();
    }

    @Test
    void anApprovedRequestWhoseApplyNeverStartedIsAppliedByTheSweep() {
        ApprovalRequest r = approvedAndAbandoned(false);
        clock.advance(SwapWorkflow.LEASE);
        flow.expireDue();
        assertThat(store.get(r.id()).orElseThrow().state()).isEqualTo(ApprovalState.DONE);
        assertThat(store.openRequest("blue-green")).isEmpty();
        assertThat(store.lastApplied("blue-green")).isPresent();
    }
}
