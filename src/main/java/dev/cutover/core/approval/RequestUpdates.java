package dev.cutover.core.approval;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The compare-and-set loops over stored requests, each successful step audited. A step that loses
 * a race re-reads the request and runs again, up to {@value #MAX_RACES} times.
 */
final class RequestUpdates {
    private static final int MAX_RACES = 10;

    private final ApprovalStore store;
    private final RequestAudit audit;
    private final Clock clock;
    private final ExpiryListener onExpired;

    RequestUpdates(ApprovalStore store, RequestAudit audit, Clock clock, ExpiryListener onExpired) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.onExpired = onExpired;
    }

    /** A decision step's result: the next version of the request, or a refusal. */
    sealed interface Step {
        /** Store {@code request} as the next version. */
        record Next(ApprovalRequest request) implements Step {}

        /** Change nothing. */
        record Refuse(Refusal why) implements Step {}

        /** {@code next} unless {@code refusal} is present. */
        static Step unless(Optional<Refusal> refusal, Supplier<ApprovalRequest> next) {
            return refusal.<Step>map(Refuse::new).orElseGet(() -> new Next(next.get()));
        }
    }

    /**
     * Runs {@code step} on pending request {@code id} and stores its result, audited as
     * {@code action}; a request that is gone, expired or already decided is refused.
     */
    Outcome decide(String id, String action, String user, Function<ApprovalRequest, Step> step) {
        for (int i = 0; i < MAX_RACES; i++) {
            Optional<ApprovalRequest> found = store.get(id);
            if (found.isEmpty()) {
                return new Outcome.Refused(new Refusal.NoSuchRequest());
            }
            ApprovalRequest r = found.get();
            if (r.state() == ApprovalState.PENDING && !clock.instant().isBefore(r.expiresAt())) {
                expireIfDue(id);
                return new Outcome.Refused(new Refusal.Expired(r.expiresAt()));
            }
            if (r.state() != ApprovalState.PENDING) {
                return new Outcome.Refused(new Refusal.AlreadyDecided(r));
            }
            Step next = step.apply(r);
            if (next instanceof Step.Refuse refused) {
                return new Outcome.Refused(refused.why());
            }
            ApprovalRequest changed = ((Step.Next) next).request();
            if (commit(changed, action, user).isPresent()) {
                return new Outcome.Done(changed);
            }
        }
        return new Outcome.Refused(new Refusal.TooManyDeciders());
    }

    /** Expires request {@code id} if it is pending past its expiry, telling the listener. */
    Optional<ApprovalRequest> expireIfDue(String id) {
        return store.get(id)
                .filter(r ->
                        r.state() == ApprovalState.PENDING && !clock.instant().isBefore(r.expiresAt()))
                .flatMap(r -> commit(
                        r.closed(ApprovalState.EXPIRED, new Decision("system", clock.instant(), null, false)),
                        "expired",
                        "system"))
                .map(expired -> {
                    onExpired.expired(expired);
                    return expired;
                });
    }

    /**
     * Applies {@code step} (empty: leave the request as it is) until it sticks.
     *
     * @param user who to audit the change as, or null to not audit it
     * @throws IllegalStateException when the request is gone or kept changing
     */
    ApprovalRequest update(
            String id,
            Function<ApprovalRequest, Optional<ApprovalRequest>> step,
            @Nullable String user,
            Map<String, String> detail) {
        for (int i = 0; i < MAX_RACES; i++) {
            ApprovalRequest r =
                    store.get(id).orElseThrow(() -> new IllegalStateException("request " + id + " is gone"));
            Optional<ApprovalRequest> stepped = step.apply(r);
            if (stepped.isEmpty()) {
                return r;
            }
            ApprovalRequest next = stepped.get();
            if (store.compareAndSet(next)) {
                if (user != null) {
                    audit.changed(next, user, detail);
                }
                return next;
            }
        }
        throw new IllegalStateException("request " + id + " kept changing; gave up after " + MAX_RACES + " tries");
    }

    /**
     * Like {@link #update}, but says whether {@code step} changed the request.
     *
     * @return the stored next version, or empty when the step left the request as it was
     */
    Optional<ApprovalRequest> tryUpdate(
            String id,
            Function<ApprovalRequest, Optional<ApprovalRequest>> step,
            @Nullable String user,
            Map<String, String> detail) {
        boolean[] changed = {false};
        ApprovalRequest r = update(
                id,
                current -> {
                    Optional<ApprovalRequest> next = step.apply(current);
                    changed[0] = next.isPresent();
                    return next;
                },
                user,
                detail);
        return changed[0] ? Optional.of(r) : Optional.empty();
    }

    /** Stores {@code next} if nobody changed the request meanwhile, audited as {@code action}. */
    Optional<ApprovalRequest> commit(ApprovalRequest next, String action, String user) {
        if (!store.compareAndSet(next)) {
            return Optional.empty();
        }
        audit.decided(next, action, user);
        return Optional.of(next);
    }
}
