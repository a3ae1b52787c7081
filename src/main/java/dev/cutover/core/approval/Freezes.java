package dev.cutover.core.approval;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Declared freezes of pairs: a frozen pair takes no new request and no approval until an approver
 * lifts the freeze. Each freeze and lift is audited.
 */
public final class Freezes {
    private final ApprovalStore store;
    private final AuditLog audit;
    private final FourEyes rules;
    private final Clock clock;

    public Freezes(ApprovalStore store, AuditLog audit, FourEyes rules, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /** Why {@code pair} takes no change now (a declared freeze), or empty when it is not frozen. */
    public Optional<Refusal> frozen(String pair) {
        return store.frozen(pair).map(f -> new Refusal.Frozen(pair, f));
    }

    /**
     * Declares a freeze on {@code pair} as {@code user}, with a required {@code reason}.
     *
     * @return the refusal, or empty when the pair is now frozen
     */
    public Optional<Refusal> freeze(String pair, String user, String reason, ApprovalPolicy policy) {
        Optional<Refusal> refused =
                rules.mayFreeze(pair, user, policy).or(() -> Refusal.ifTooLong(Refusal.ReasonFor.FREEZE, reason));
        if (refused.isPresent()) {
            return refused;
        }
        Freeze f = new Freeze(user, reason, clock.instant());
        store.freeze(pair, f);
        audit.append(new AuditEvent(f.at(), pair, null, "frozen", user, Map.of("reason", reason)));
        return Optional.empty();
    }

    /**
     * Lifts the freeze on {@code pair} as {@code user}.
     *
     * @return the refusal (not allowed, not frozen), or empty when it was lifted
     */
    public Optional<Refusal> unfreeze(String pair, String user, ApprovalPolicy policy) {
        Optional<Refusal> refused = rules.mayUnfreeze(pair, user, policy);
        if (refused.isPresent()) {
            return refused;
        }
        if (store.unfreeze(pair).isEmpty()) {
            return Optional.of(new Refusal.NotFrozen(pair));
        }
        audit.append(new AuditEvent(clock.instant(), pair, null, "unfrozen", user, Map.of()));
        return Optional.empty();
    }
}
