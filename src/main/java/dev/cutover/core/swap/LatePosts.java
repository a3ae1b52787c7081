package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.chat.MessageRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the message of a request that was closed because its post failed and the message was
 * not in the channel: when the post timed out, the chat service may still have accepted it and show
 * it a little later, with live buttons. The channel is looked at again after each of {@link
 * #DELAYS}; a message found then is attached to the request and replaced by the stored state
 * (closed, no buttons). A click on it before that is refused, since the request is closed, and
 * shows the stored state on the clicked message the same way.
 */
final class LatePosts {
    private static final Logger log = LoggerFactory.getLogger(LatePosts.class);

    /**
     * When to look again, counted from the previous look: a post Slack accepted shows up in the
     * channel history within seconds; the second look covers a slow indexing.
     */
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final RequestDisplay display;
    private final ApprovalService approvals;
    private final Rechecks rechecks;

    LatePosts(RequestDisplay display, ApprovalService approvals, Rechecks rechecks) {
        this.display = display;
        this.approvals = approvals;
        this.rechecks = rechecks;
    }

    /** Looks for the message of the closed request {@code r} later, {@link #DELAYS} apart. */
    void watch(ApprovalRequest r) {
        next(r, 0);
    }

    private void next(ApprovalRequest r, int look) {
        if (look < DELAYS.size()) {
            rechecks.schedule(DELAYS.get(look), () -> look(r, look));
        } else {
            log.info("the message of request {} did not appear in {} looks; not looked for again", r.id(), look);
        }
    }

    /**
     * Attaches {@code message}, found by {@code how}, to the closed request {@code r} and shows the
     * stored state there (closed, no buttons).
     *
     * @throws RuntimeException when the store or the chat service fails
     */
    void adopt(ApprovalRequest r, MessageRef message, String how) {
        log.info(
                "the message of request {} appeared after its post failed ({} found it): it now shows the request"
                        + " closed",
                r.id(),
                how);
        display.show(approvals.attachMessage(r.id(), message));
    }

    private void look(ApprovalRequest r, int look) {
        try {
            if (approvals.get(r.id()).map(ApprovalRequest::message).isPresent()) {
                return; // attached meanwhile (a click on the message adopted it)
            }
            Optional<MessageRef> found = display.find(r);
            if (found.isEmpty()) {
                next(r, look + 1);
                return;
            }
            adopt(r, found.get(), "a look at the channel");
        } catch (RuntimeException ex) {
            // E.g. the store is unreachable: the next look tries again.
            log.warn("could not reconcile the message of request {}: {}", r.id(), ex.toString());
            next(r, look + 1);
        }
    }
}
