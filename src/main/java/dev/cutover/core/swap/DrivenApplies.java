package dev.cutover.core.swap;

import dev.cutover.core.approval.ApplyLeases;
import dev.cutover.core.approval.ApprovalRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applies this replica drives right now (fresh or resumed), and handing them back when it stops:
 * an apply handed back keeps its change id and gets an owner lease that has already lapsed, so the
 * next sweep of any replica resumes it at once instead of after {@link SwapWorkflow#LEASE}.
 */
final class DrivenApplies {
    private static final Logger log = LoggerFactory.getLogger(DrivenApplies.class);

    private final ApplyLeases leases;
    private final String owner;
    private final Clock clock;
    private final Map<String, ApprovalRequest> driving = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    DrivenApplies(ApplyLeases leases, String owner, Clock clock) {
        this.leases = leases;
        this.owner = owner;
        this.clock = clock;
    }

    /** Runs {@code apply} of {@code r} as one this replica drives. */
    void drive(ApprovalRequest r, Runnable apply) {
        driving.put(r.id(), r);
        try {
            apply.run();
        } finally {
            driving.remove(r.id());
        }
    }

    /** From now on, leases are no longer extended and applies stopped are handed back. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Until when a lease taken or renewed now runs: {@link SwapWorkflow#LEASE} from now, or now once stopping. */
    Instant leaseUntil() {
        Instant now = clock.instant();
        return stopping ? now : now.plus(SwapWorkflow.LEASE);
    }

    /** Hands back every apply still driven (those whose thread did not hand itself back). */
    int handBackAll() {
        int n = 0;
        for (ApprovalRequest r : List.copyOf(driving.values())) {
            n += handBack(r) ? 1 : 0;
        }
        return n;
    }

    /**
     * Hands back the apply of {@code r}, once: its owner lease lapses now (the change id, if stored,
     * is kept), with one log line. The write runs with the thread's interrupt cleared (the store's
     * connection pool refuses an interrupted thread) and restores it.
     *
     * @return true when this call handed it back
     */
    boolean handBack(ApprovalRequest r) {
        if (driving.remove(r.id()) == null) {
            return false;
        }
        boolean interrupted = Thread.interrupted();
        try {
            Optional<ApprovalRequest> back = leases.update(r.id(), owner, p -> p.leasedTo(owner, clock.instant()));
            back.ifPresent(b -> log.info(
                    "handed back the apply of request {} of {} ({}): another replica or the next start resumes it",
                    r.id(),
                    r.pair(),
                    b.apply() == null || b.apply().changeId() == null
                            ? "not submitted"
                            : "change " + b.apply().changeId()));
            return back.isPresent();
        } catch (RuntimeException ex) {
            log.warn(
                    "could not hand back the apply of request {} of {} ({}); its lease lapses within {} s",
                    r.id(),
                    r.pair(),
                    ex.toString(),
                    SwapWorkflow.LEASE.toSeconds());
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
