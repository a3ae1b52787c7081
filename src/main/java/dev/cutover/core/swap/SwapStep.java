package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.dns.SwapException;
import java.time.Duration;

/** A step of applying an approved request, reported in the request's thread; {@link End}s end it. */
public sealed interface SwapStep {
    /** The apply started: both records are being re-read. */
    record Applying() implements SwapStep {}

    /** Route 53 accepted change {@code changeId}; waiting for INSYNC. */
    record Submitted(String changeId) implements SwapStep {}

    /** Change {@code changeId} was accepted but could not be recorded ({@code error}), so no rollback. */
    record NotRecorded(String changeId, String error) implements SwapStep {}

    /** A step that ends the request in {@link #state()}. */
    sealed interface End extends SwapStep {
        /** The request's end state. */
        ApprovalState state();
    }

    /** The records changed since the request ({@code difference}); nothing was applied. */
    record Drifted(String difference) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.DRIFTED;
        }
    }

    /** Reading or submitting failed with {@code error}; nothing was applied. */
    record Refused(SwapException error) implements End {
        @Override
        public ApprovalState state() {
            return error.kind() == SwapException.Kind.DRIFTED ? ApprovalState.DRIFTED : ApprovalState.FAILED;
        }
    }

    /** An unexpected {@code error} before submitting; nothing was applied. */
    record FailedBeforeSubmit(String error) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.FAILED;
        }
    }

    /** Change {@code changeId} was INSYNC after {@code took}. */
    record Applied(String changeId, Duration took) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.DONE;
        }
    }

    /** Change {@code changeId} was not INSYNC after {@code timeout} ({@code error}); it may still complete. */
    record NotInsync(String changeId, Duration timeout, String error) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.FAILED;
        }
    }

    /** No result {@code after} the approval: the replica applying it stopped. */
    record Abandoned(Duration after) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.FAILED;
        }
    }
}
