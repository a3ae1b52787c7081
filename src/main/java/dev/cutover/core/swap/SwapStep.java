package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.dns.SwapException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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

    /**
     * Change {@code changeId} was accepted but not INSYNC after {@code waited}: it is propagating
     * and polled in the background ({@code error}: why the status could not be read, or null).
     */
    record Propagating(String changeId, Duration waited, @Nullable String error) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.SUBMITTED;
        }
    }

    /** Change {@code changeId} was still not INSYNC {@code after} its submission; polling stopped. */
    record Unconfirmed(String changeId, Duration after) implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.UNCONFIRMED;
        }
    }

    /** The replica applying it stopped before Route 53 accepted anything: the records are as planned before. */
    record Interrupted() implements End {
        @Override
        public ApprovalState state() {
            return ApprovalState.FAILED;
        }
    }

    /** A resumed apply without a change id found the records exactly as planned after. */
    record FoundApplied() implements End {
        /** The change id recorded for {@code /rollback}: the batch's own id was never stored. */
        public static final String UNKNOWN_CHANGE = "unknown";

        @Override
        public ApprovalState state() {
            return ApprovalState.DONE;
        }
    }

    /**
     * The stored {@code result} of a request whose steps were not shown (its message was attached
     * late), posted once the message is there.
     */
    record Result(String result) implements SwapStep {}
}
