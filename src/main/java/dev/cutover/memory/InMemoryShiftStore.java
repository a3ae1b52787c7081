package dev.cutover.memory;

import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.ShiftStore;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ShiftStore} in memory, holding its pair in the same slot as the in-memory approval store's
 * swap requests. Every method locks the approval store, so a shift and a swap request cannot both
 * take one pair.
 */
public final class InMemoryShiftStore implements ShiftStore {
    private final InMemoryApprovalStore approvals;
    private final Map<String, Shift> shifts = new HashMap<>();
    private final Map<String, String> latest = new HashMap<>();
    private final Set<String> open = new LinkedHashSet<>();

    /** @param approvals the swap requests' store whose pair slots shifts share */
    public InMemoryShiftStore(InMemoryApprovalStore approvals) {
        this.approvals = approvals;
    }

    @Override
    public Optional<String> createIfIdle(Shift shift) {
        if (shift.version() != 1 || shift.state() != ShiftState.PENDING) {
            throw new IllegalArgumentException("a new shift is PENDING at version 1");
        }
        synchronized (approvals) {
            if (shifts.containsKey(shift.id())) {
                throw new IllegalArgumentException("shift id " + shift.id() + " is already used");
            }
            Optional<String> busy = approvals.holdPair(shift.pair(), shift.id());
            if (busy.isPresent()) {
                return busy;
            }
            shifts.put(shift.id(), shift);
            latest.put(shift.pair(), shift.id());
            open.add(shift.id());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Shift> get(String id) {
        synchronized (approvals) {
            return Optional.ofNullable(shifts.get(id));
        }
    }

    @Override
    public boolean compareAndSet(Shift next) {
        synchronized (approvals) {
            Shift current = shifts.get(next.id());
            if (current == null || current.version() != next.version() - 1) {
                return false;
            }
            shifts.put(next.id(), next);
            if (!next.state().isOpen()) {
                open.remove(next.id());
                approvals.releasePair(next.pair(), next.id());
            }
            return true;
        }
    }

    @Override
    public Optional<String> reopenIfIdle(Shift next) {
        synchronized (approvals) {
            Shift current = shifts.get(next.id());
            if (current == null || current.version() != next.version() - 1) {
                return Optional.of(next.id());
            }
            Optional<String> busy = approvals.holdPair(next.pair(), next.id());
            if (busy.isPresent() && !busy.get().equals(next.id())) {
                return busy;
            }
            shifts.put(next.id(), next);
            open.add(next.id());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> latest(String pair) {
        synchronized (approvals) {
            return Optional.ofNullable(latest.get(pair));
        }
    }

    @Override
    public List<String> openIds() {
        synchronized (approvals) {
            return List.copyOf(open);
        }
    }
}
