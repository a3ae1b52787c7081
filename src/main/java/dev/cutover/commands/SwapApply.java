package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.swap.SwapException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One apply of an approved request, from the drift check to INSYNC, reporting each step. */
final class SwapApply {
    private static final Logger log = LoggerFactory.getLogger(SwapApply.class);

    private final SwapWorkflow flow;
    private final ApprovalRequest r;
    private final PairCatalog.Entry e;

    SwapApply(SwapWorkflow flow, ApprovalRequest r, PairCatalog.Entry e) {
        this.flow = flow;
        this.r = r;
        this.e = e;
    }

    void run() {
        String changeId;
        try {
            Optional<String> drift = flow.swaps().drift(r.plan());
            if (drift.isPresent()) {
                end(
                        ApprovalState.DRIFTED,
                        ":no_entry: The records changed since the request; nothing was applied. " + drift.get() + ". "
                                + nextStep());
                return;
            }
            changeId = flow.swaps().submit(r.plan(), r.kind().word() + " " + r.pair() + " request " + r.id());
        } catch (SwapException ex) {
            end(
                    ex.kind() == SwapException.Kind.DRIFTED ? ApprovalState.DRIFTED : ApprovalState.FAILED,
                    ":no_entry: " + ex.getMessage());
            return;
        } catch (RuntimeException ex) {
            log.error("apply of {} failed before submitting", r.id(), ex);
            end(
                    ApprovalState.FAILED,
                    ":no_entry: Failed before submitting (" + ex.getMessage() + "); nothing was applied.");
            return;
        }
        flow.recordApplied(r, changeId);
        flow.progress(r, ":outbox_tray: Submitted change `" + changeId + "`; waiting for Route 53 to report INSYNC…");
        awaitInsync(changeId);
    }

    private void awaitInsync(String changeId) {
        try {
            Duration took = flow.swaps().awaitInsync(changeId, flow.insyncTimeout());
            end(
                    ApprovalState.DONE,
                    ":white_check_mark: Applied: change `" + changeId + "` INSYNC after "
                            + seconds(took)
                            + " s. Resolvers may keep the old target for up to 60 s (the alias TTL). `/rollback "
                            + r.pair() + (r.kind() == ChangeKind.SWAP ? "` undoes it." : "` swaps back again."));
        } catch (SwapException ex) {
            end(
                    ApprovalState.FAILED,
                    ":warning: Route 53 accepted change `" + changeId + "` but it was not INSYNC after "
                            + flow.insyncTimeout().toSeconds() + " s; it may still complete. `/rollback " + r.pair()
                            + "` can undo it. (" + ex.getMessage() + ")");
        }
    }

    private void end(ApprovalState state, String outcome) {
        flow.finish(r, e, state, outcome);
        flow.progress(r, outcome);
    }

    /** What to do after drift: a swap plans afresh; a rollback can no longer undo the last swap. */
    private String nextStep() {
        return r.kind() == ChangeKind.SWAP
                ? "`/swap " + r.pair() + "` plans again from the records as they are now."
                : "A rollback can only undo the last swap while the records are as it left them; `/swap " + r.pair()
                        + "` plans a swap from the records as they are now.";
    }

    private static String seconds(Duration d) {
        return String.valueOf(Math.max(0, Math.round(d.toMillis() / 1000.0)));
    }
}
