package dev.cutover.core.traffic;

import dev.cutover.core.chat.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A progressive traffic shift as stored: immutable, and every change makes the next {@link
 * #version()}, which the store accepts only over the version it was made from. Its timers are the
 * stored {@link #deadline()} and {@link #expiresAt()}, which any replica's sweep acts on.
 *
 * @param id the shift id, carried by the message's buttons
 * @param version starts at 1, one more per change
 * @param plan the approved plan
 * @param requester who asked
 * @param channel where
 * @param state where it stands
 * @param requiredApprovals distinct approvers needed, none of them the requester
 * @param approvals the user ids who approved, in order
 * @param createdAt when requested
 * @param expiresAt when a still-pending plan expires
 * @param step the index of the step whose weights are live; -1 before the first
 * @param stepStartedAt when the live step was applied (the health window starts there), or null
 * @param deadline when the live step's bake ends (BAKING), or null
 * @param remaining what was left of the bake when paused (PAUSED), or null
 * @param lastHealthy the last weights that baked healthy (the start before any step did)
 * @param target the weights being written (APPLYING, REVERTING, ABORTING), or null
 * @param claimedAt when the writing replica claimed the write, or null; a claim older than the
 *     sweep's takeover time is taken over by another replica
 * @param reason why it ended or was paused, for people, or null
 * @param health the latest health reading's summary, or null before the first
 * @param message the channel message showing the shift, once posted
 * @param expected the weights an ABORTING write compares against when it is the abort of an ended
 *     (HALTED or STOPPED) shift: what the shift last wrote; null otherwise (an abort of a running
 *     shift compares against the weights it reads, since its own step write may have landed)
 * @param change the backend's change of the live step while it propagates (Route 53: until it is
 *     INSYNC), or null; while set, the step's bake has not started ({@code stepStartedAt} and
 *     {@code deadline} are null) and each sweep asks the backend once whether it is live
 * @param changedAt when {@code change} was made (the propagation limit counts from it), or null
 * @param promoted true once an approver clicked Promote now on the live step: stored, so that
 *     whichever replica moves the shift next (the clicker's or any sweep) treats the bake's end as
 *     the approver's (see {@link ShiftRunner}); cleared when the step moves, is paused or resumed,
 *     or the shift ends
 */
public record Shift(
        String id,
        long version,
        ShiftPlan plan,
        String requester,
        String channel,
        ShiftState state,
        int requiredApprovals,
        List<String> approvals,
        Instant createdAt,
        Instant expiresAt,
        int step,
        @Nullable Instant stepStartedAt,
        @Nullable Instant deadline,
        @Nullable Duration remaining,
        Weights lastHealthy,
        @Nullable Weights target,
        @Nullable Instant claimedAt,
        @Nullable String reason,
        @Nullable String health,
        @Nullable MessageRef message,
        @Nullable Weights expected,
        @Nullable String change,
        @Nullable Instant changedAt,
        boolean promoted) {

    public Shift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** A new shift waiting for approval, at version 1. */
    public static Shift requested(
            String id,
            ShiftPlan plan,
            String requester,
            String channel,
            int requiredApprovals,
            Instant now,
            Duration expiry) {
        return new Shift(
                id,
                1,
                plan,
                requester,
                channel,
                ShiftState.PENDING,
                requiredApprovals,
                List.of(),
                now,
                now.plus(expiry),
                -1,
                null,
                null,
                null,
                plan.start(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }

    /** The pair's name. */
    public String pair() {
        return plan.pair();
    }

    /**
     * The weights live now as far as the shift knows: the last step applied (or the start), the
     * last healthy weights once reverted, all blue once aborted.
     */
    public Weights live() {
        return switch (state) {
            case REVERTED -> lastHealthy;
            case ABORTED -> plan.allBlue();
            default -> plan.weightsAt(step);
        };
    }

    /**
     * True when the shift ended leaving traffic on green (HALTED or STOPPED partway, or REVERTED to
     * weights with green above 0): it holds its pair no more, but someone has to decide where the
     * traffic goes, so status and Home keep showing it.
     */
    public boolean leftGreenTraffic() {
        return (state == ShiftState.HALTED || state == ShiftState.STOPPED || state == ShiftState.REVERTED)
                && live().green() > 0;
    }

    /**
     * For people, where a shift that {@link #leftGreenTraffic()} left the traffic and what can take
     * it back: {@code halted at blue 90% / green 10% — Abort takes green back to 0%}.
     */
    public String leftOver() {
        String at = live().percents();
        return switch (state) {
            case HALTED, STOPPED -> state.word() + " at " + at + " — Abort takes green back to 0%";
            default -> state.word() + " to " + at
                    + " — green keeps its traffic until the weights are changed (a new `/shift` goes on from there)";
        };
    }

    /** The next version with one more approval. */
    public Shift approvedBy(String user) {
        List<String> more = new ArrayList<>(approvals);
        more.add(user);
        return next(d -> d.approvals = more);
    }

    /**
     * The next version claimed by a replica at {@code now} to write {@code weights} in state {@code
     * s}, saying why (null: keep the reason).
     */
    public Shift writing(ShiftState s, Weights weights, Instant now, @Nullable String why) {
        return next(d -> {
            d.promoted = false;
            d.state = s;
            d.target = weights;
            d.claimedAt = now;
            d.reason = why == null ? reason : why;
            // A new write supersedes a step that was still propagating: its INSYNC no longer matters.
            d.change = null;
        });
    }

    /**
     * The next version of an ended (HALTED or STOPPED) shift claimed at {@code now} to abort: back
     * to all blue, compared against {@link #live()}, the weights it last wrote (see {@link
     * #expected()}).
     */
    public Shift abortingEnded(Instant now) {
        Weights last = live();
        return next(d -> {
            d.promoted = false;
            d.state = ShiftState.ABORTING;
            d.target = plan.allBlue();
            d.claimedAt = now;
            d.expected = last;
        });
    }

    /**
     * The next version with its write claim cleared (a stopping replica hands it back): any
     * replica's next sweep takes the write over at once.
     */
    public Shift handedBack() {
        return next(d -> d.claimedAt = null);
    }

    /** This value at version {@code v}: to fold several changes into one compare-and-set. */
    public Shift atVersion(long v) {
        return new Draft(this).build(v);
    }

    /** The next version with step {@code i} live since {@code now}, baking until {@code until}. */
    public Shift baking(int i, Instant now, Instant until, Weights healthy) {
        return next(d -> {
            d.promoted = false;
            d.state = ShiftState.BAKING;
            d.step = i;
            d.stepStartedAt = now;
            d.deadline = until;
            d.remaining = null;
            d.lastHealthy = healthy;
            d.target = null;
            d.claimedAt = null;
            d.expected = null;
            d.change = null;
        });
    }

    /**
     * The next version with step {@code i} written as the backend's {@code change}, still
     * propagating: BAKING, but the bake starts only at {@link #insync}.
     */
    public Shift propagating(int i, String change, Weights healthy, Instant now) {
        return next(d -> {
            d.promoted = false;
            d.changedAt = now;
            d.state = ShiftState.BAKING;
            d.step = i;
            d.stepStartedAt = null;
            d.deadline = null;
            d.remaining = null;
            d.lastHealthy = healthy;
            d.target = null;
            d.claimedAt = null;
            d.expected = null;
            d.change = change;
        });
    }

    /** The next version whose step's change is live since {@code now}: its bake runs until {@code until}. */
    public Shift insync(Instant now, Instant until) {
        return next(d -> {
            d.stepStartedAt = now;
            d.deadline = until;
            d.change = null;
        });
    }

    /**
     * The next version whose bake an approver ended at {@code now}: BAKING with its deadline now,
     * no longer waiting for its change to propagate (the approver skips that wait too), and marked
     * {@link #promoted()} until the step moves.
     */
    public Shift promotedAt(Instant now) {
        return next(d -> {
            d.promoted = true;
            d.state = ShiftState.BAKING;
            d.deadline = now;
            d.remaining = null;
            d.reason = null;
            d.stepStartedAt = stepStartedAt == null ? now : stepStartedAt;
            d.change = null;
        });
    }

    /**
     * The weights as a person should see them now: those being written in a writing state, the
     * live ones otherwise.
     */
    public Weights shown() {
        return target != null && state.isWriting() ? target : live();
    }

    /** The state's word, or {@code propagating} while a baking step's change is not live yet. */
    public String stateWord() {
        return state == ShiftState.BAKING && change != null ? "propagating" : state.word();
    }

    /** True while the live step's change propagates and its bake has not started. */
    public boolean isPropagating() {
        return change != null;
    }

    /** The next version with the bake's clock set: BAKING until {@code until}, or PAUSED with {@code left}. */
    public Shift clock(ShiftState s, @Nullable Instant until, @Nullable Duration left, @Nullable String why) {
        return next(d -> {
            d.promoted = false;
            d.state = s;
            d.deadline = until;
            d.remaining = left;
            d.reason = why;
        });
    }

    /** The next version ended in {@code s} (DONE, HALTED, STOPPED, ...), saying why (null: keep the reason). */
    public Shift ended(ShiftState s, @Nullable String why) {
        return next(d -> {
            d.promoted = false;
            d.state = s;
            d.deadline = null;
            d.remaining = null;
            d.target = null;
            d.claimedAt = null;
            d.expected = null;
            d.change = null;
            d.reason = why == null ? reason : why;
        });
    }

    /**
     * The next version holding its step at the end of the bake because {@code why} (null: no
     * longer held); the state and timers stay as they are.
     */
    public Shift held(@Nullable String why) {
        return next(d -> d.reason = why);
    }

    /** The next version with the latest health summary. */
    public Shift withHealth(String summary) {
        return next(d -> d.health = summary);
    }

    /** The next version showing in {@code ref}. */
    public Shift postedAt(MessageRef ref) {
        return next(d -> d.message = ref);
    }

    private Shift next(Consumer<Draft> edit) {
        Draft d = new Draft(this);
        edit.accept(d);
        return d.build(version + 1);
    }

    /** The fields that change after creation, to edit a copy by name. */
    private static final class Draft {
        private final Shift from;
        ShiftState state;
        List<String> approvals;
        int step;

        @Nullable
        Instant stepStartedAt;

        @Nullable
        Instant deadline;

        @Nullable
        Duration remaining;

        Weights lastHealthy;

        @Nullable
        Weights target;

        @Nullable
        Instant claimedAt;

        @Nullable
        String reason;

        @Nullable
        String health;

        @Nullable
        MessageRef message;

        @Nullable
        Weights expected;

        @Nullable
        String change;

        @Nullable
        Instant changedAt;

        boolean promoted;

        Draft(Shift s) {
            from = s;
            state = s.state;
            approvals = s.approvals;
            step = s.step;
            stepStartedAt = s.stepStartedAt;
            deadline = s.deadline;
            remaining = s.remaining;
            lastHealthy = s.lastHealthy;
            target = s.target;
            claimedAt = s.claimedAt;
            reason = s.reason;
            health = s.health;
            message = s.message;
            expected = s.expected;
            change = s.change;
            changedAt = s.changedAt;
            promoted = s.promoted;
        }

        Shift build(long version) {
            return new Shift(
                    from.id,
                    version,
                    from.plan,
                    from.requester,
                    from.channel,
                    state,
                    from.requiredApprovals,
                    approvals,
                    from.createdAt,
                    from.expiresAt,
                    step,
                    stepStartedAt,
                    deadline,
                    remaining,
                    lastHealthy,
                    target,
                    claimedAt,
                    reason,
                    health,
                    message,
                    expected,
                    change,
                    change == null ? null : changedAt,
                    promoted);
        }
    }
}
