package dev.cutover.core.alert;

import dev.cutover.core.chat.MessageRef;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stretch of a queue above OK, shown as one chat message updated in place.
 *
 * @param since when the first reading of the stretch was taken
 * @param worst the highest level reached
 * @param peak the most visible messages seen
 * @param message the incident's message, or null until it is posted
 * @param thread where changes are replied: the incident message's own thread, or an open cutover's;
 *     null until the message is posted
 */
public record Incident(
        Instant since, AlertLevel worst, double peak, @Nullable MessageRef message, @Nullable MessageRef thread) {
    public Incident {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(worst, "worst");
    }

    Incident observe(double visible, AlertLevel level) {
        return new Incident(since, AlertLevel.max(worst, level), Math.max(peak, visible), message, thread);
    }

    /** This incident with its message posted at {@code message}, changes replied under {@code thread}. */
    public Incident postedAt(MessageRef message, MessageRef thread) {
        return new Incident(since, worst, peak, message, thread);
    }
}
