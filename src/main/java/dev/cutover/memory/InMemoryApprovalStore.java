package dev.cutover.memory;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Freeze;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval store in one JVM's memory, for unit tests and a single instance. Every method holds
 * one lock, which makes create and compare-and-set atomic across the maps they touch, as the Redis
 * scripts are. Nothing expires.
 */
public final class InMemoryApprovalStore implements ApprovalStore {
    private final Map<String, ApprovalRequest> requests = new HashMap<>();
    private final Map<String, String> openByPair = new HashMap<>();
    private final Map<String, Freeze> freezes = new HashMap<>();
    private final Map<String, AppliedSwap> applied = new HashMap<>();

    @Override
    public synchronized Optional<String> createIfIdle(ApprovalRequest request) {
        if (request.version() != 1 || request.state() != ApprovalState.PENDING) {
            throw new IllegalArgumentException(
                    "a new request is PENDING at version 1, not " + request.state() + " at " + request.version());
        }
        String open = openByPair.get(request.pair());
        if (open != null) {
            return Optional.of(open);
        }
        if (requests.containsKey(request.id())) {
            throw new IllegalArgumentException("request id " + request.id() + " is already used");
        }
        requests.put(request.id(), request);
        openByPair.put(request.pair(), request.id());
        return Optional.empty();
    }

    private InMemoryShiftStore shifts;

    /** The one shift store sharing this store's pair slots. */
    public synchronized InMemoryShiftStore shifts() {
        if (shifts == null) {
            shifts = new InMemoryShiftStore(this);
        }
        return shifts;
    }

    /**
     * Makes {@code id} (a change of another kind, e.g. a shift) the pair's open change unless the
     * pair has one; the same slot swap requests take, so the two exclude each other.
     *
     * @return empty when held now; otherwise the open change's id
     */
    synchronized Optional<String> holdPair(String pair, String id) {
        String open = openByPair.putIfAbsent(pair, id);
        return Optional.ofNullable(open);
    }

    /** Releases the pair, only while {@code id} still holds it. */
    synchronized void releasePair(String pair, String id) {
        openByPair.remove(pair, id);
    }

    @Override
    public synchronized Optional<ApprovalRequest> get(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<String> openRequest(String pair) {
        return Optional.ofNullable(openByPair.get(pair));
    }

    @Override
    public synchronized boolean compareAndSet(ApprovalRequest next) {
        ApprovalRequest current = requests.get(next.id());
        if (current == null || current.version() != next.version() - 1) {
            return false;
        }
        requests.put(next.id(), next);
        if (!next.state().isOpen()) {
            // Only while it still holds this request, like the Redis script.
            openByPair.remove(next.pair(), next.id());
        }
        return true;
    }

    @Override
    public synchronized void freeze(String pair, Freeze freeze) {
        freezes.put(pair, Objects.requireNonNull(freeze, "freeze"));
    }

    @Override
    public synchronized Optional<Freeze> unfreeze(String pair) {
        return Optional.ofNullable(freezes.remove(pair));
    }

    @Override
    public synchronized Optional<Freeze> frozen(String pair) {
        return Optional.ofNullable(freezes.get(pair));
    }

    @Override
    public synchronized void recordApplied(String pair, AppliedSwap swap) {
        applied.put(pair, Objects.requireNonNull(swap, "applied"));
    }

    @Override
    public synchronized Optional<AppliedSwap> lastApplied(String pair) {
        return Optional.ofNullable(applied.get(pair));
    }
}
