package dev.cutover.core.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The owner leases of applies: an APPLYING request belongs to one replica until its lease lapses,
 * then to whichever replica takes it over first. Every step is a compare-and-set on the stored
 * request that re-checks the owner, so two replicas never both drive the same apply.
 */
public final class ApplyLeases {
    private final ApprovalStore store;
    private final RequestUpdates updates;
    private final Clock clock;

    ApplyLeases(ApprovalStore store, RequestUpdates updates, Clock clock) {
        this.store = store;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * Moves an approved request to APPLYING, owned by {@code owner} until {@code until}; only one
     * caller ever gets it.
     *
     * @return the request in APPLYING for the winner, empty for everyone else
     */
    public Optional<ApprovalRequest> begin(String id, String owner, Instant until) {
        return store.get(id)
                .filter(r -> r.state() == ApprovalState.APPROVED)
                .flatMap(r -> updates.commit(
                        r.applying(ApprovalState.APPLYING, new ApplyProgress(owner, until, null, null)),
                        "applying",
                        "system"));
    }

    /**
     * Takes over an APPLYING request whose owner's lease has lapsed (or that has no lease), for
     * {@code owner} until {@code until}. Of racing replicas exactly one wins: the others then see
     * a live lease.
     *
     * @return the request now owned by {@code owner}, or empty when it was not up for taking
     */
    public Optional<ApprovalRequest> takeOver(String id, String owner, Instant until) {
        Instant now = clock.instant();
        return updates.tryUpdate(
                id,
                r -> r.state() == ApprovalState.APPLYING
                                && (r.apply() == null || r.apply().lapsed(now))
                        ? Optional.of(r.applying(ApprovalState.APPLYING, taken(r.apply(), owner, until)))
                        : Optional.empty(),
                "system",
                Map.of("resumedBy", owner));
    }

    private static ApplyProgress taken(@Nullable ApplyProgress p, String owner, Instant until) {
        return p == null ? new ApplyProgress(owner, until, null, null) : p.leasedTo(owner, until);
    }

    /**
     * Changes the apply progress of request {@code id} while {@code owner} still holds it (renews
     * the lease, stores the change id).
     *
     * @return the stored request, or empty when {@code owner} no longer holds it
     */
    public Optional<ApprovalRequest> update(String id, String owner, UnaryOperator<ApplyProgress> change) {
        return updates.tryUpdate(
                id,
                r -> owns(r, owner)
                        ? Optional.of(r.applying(ApprovalState.APPLYING, change.apply(r.apply())))
                        : Optional.empty(),
                null,
                Map.of());
    }

    /**
     * Ends request {@code id} in {@code end} with {@code outcome}: an APPLYING one only while
     * {@code owner} holds it (null: whoever holds it), an APPROVED or SUBMITTED one for anyone.
     *
     * @return the ended request for the one caller that ended it, empty for everyone else
     */
    public Optional<ApprovalRequest> finish(String id, @Nullable String owner, ApprovalState end, String outcome) {
        return updates.tryUpdate(
                id,
                r -> r.state().canBecome(end)
                                && (r.state() != ApprovalState.APPLYING || owner == null || owns(r, owner))
                        ? Optional.of(r.finished(end, outcome))
                        : Optional.empty(),
                "system",
                Map.of("result", outcome));
    }

    private static boolean owns(ApprovalRequest r, String owner) {
        return r.state() == ApprovalState.APPLYING
                && r.apply() != null
                && r.apply().owner().equals(owner);
    }
}
