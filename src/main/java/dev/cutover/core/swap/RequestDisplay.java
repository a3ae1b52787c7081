package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ExpiryListener;
import dev.cutover.core.chat.MessageRef;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each request's message current through the {@link SwapObserver}: re-reads the stored
 * version first, and never lets a chat or store outage stop an apply. Also the
 * {@link ExpiryListener} that shows expired requests as expired.
 */
public final class RequestDisplay implements ExpiryListener {
    private static final Logger log = LoggerFactory.getLogger(RequestDisplay.class);

    private final ApprovalStore store;
    private final PairCatalog pairs;
    private final SwapObserver observer;
    private final Object[] showLocks = newLocks(16);

    public RequestDisplay(ApprovalStore store, PairCatalog pairs, SwapObserver observer) {
        this.store = store;
        this.pairs = pairs;
        this.observer = observer;
    }

    @Override
    public void expired(ApprovalRequest request) {
        show(request);
    }

    /** Posts the message of the new request {@code r}; throws when it cannot be posted. */
    MessageRef post(ApprovalRequest r) {
        return observer.post(r, breakGlass(r));
    }

    /** The message of {@code r} found in its channel after a failed post, or empty (also when looking fails). */
    Optional<MessageRef> find(ApprovalRequest r) {
        try {
            return observer.find(r);
        } catch (RuntimeException ex) {
            log.warn("could not look for the message of request {}: {}", r.id(), ex.toString());
            return Optional.empty();
        }
    }

    /**
     * Replaces the request message with the request's current state. The re-read and the update
     * happen under one lock per request, so the updates of racing decisions reach the observer
     * (whose notifier keeps the newest) in version order: a slower thread cannot put back an older
     * state. The observer gets the re-read too, for the chat side to read the state again when it
     * sends: another replica may show a newer state in between.
     */
    void show(ApprovalRequest r) {
        synchronized (showLocks[Math.floorMod(r.id().hashCode(), showLocks.length)]) {
            ApprovalRequest current = current(r);
            if (current.message() != null) {
                boolean breakGlass = breakGlass(current);
                quietly(() -> observer.show(current.message(), () -> current(current), breakGlass));
            }
        }
    }

    /** Posts a progress step in the request message's thread. */
    void progress(ApprovalRequest r, SwapStep step) {
        ApprovalRequest current = current(r);
        if (current.message() != null) {
            quietly(() -> observer.progress(current, step));
        }
    }

    /**
     * Shows request {@code r}, decided before its message was attached, and posts in its thread
     * what was missed: the apply's start, the accepted change and the stored result, as far as
     * they happened.
     */
    void catchUp(ApprovalRequest r) {
        show(r);
        ApprovalRequest current = current(r);
        if (current.state() == ApprovalState.APPROVED || current.apply() != null) {
            progress(current, new SwapStep.Applying());
        }
        if (current.apply() != null && current.apply().changeId() != null) {
            progress(current, new SwapStep.Submitted(current.apply().changeId()));
        }
        if (current.outcome() != null) {
            progress(current, new SwapStep.Result(current.outcome()));
        }
    }

    /** The text of {@code end} for people. */
    String outcome(ApprovalRequest r, SwapStep.End end) {
        return observer.outcome(r, end);
    }

    private boolean breakGlass(ApprovalRequest r) {
        return pairs.find(r.pair()).map(e -> e.policy().breakGlass()).orElse(false);
    }

    /** The stored version of {@code r}, or {@code r} when the store cannot say: showing must not stop an apply. */
    private ApprovalRequest current(ApprovalRequest r) {
        try {
            return store.get(r.id()).orElse(r);
        } catch (RuntimeException ex) {
            log.warn("could not re-read request {}: {}", r.id(), ex.toString());
            return r;
        }
    }

    private static void quietly(Runnable chatCall) {
        try {
            chatCall.run();
        } catch (RuntimeException ex) {
            // A chat outage must not stop an apply that Route 53 already accepted.
            log.warn("chat update failed: {}", ex.toString());
        }
    }

    private static Object[] newLocks(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }
}
