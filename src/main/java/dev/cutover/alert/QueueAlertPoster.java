package dev.cutover.alert;

import dev.cutover.core.alert.AlertTransition;
import dev.cutover.core.alert.Incident;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a queue's transitions in chat: a new incident is posted (in the queue's channel, or in the
 * thread of an open cutover of its pair), changes are replied in its thread, and the incident
 * message is updated in place on every reading, up to the final "recovered after N min".
 */
public final class QueueAlertPoster {
    private static final Logger log = LoggerFactory.getLogger(QueueAlertPoster.class);

    private final Notifier notifier;
    private final CutoverThreads cutovers;

    public QueueAlertPoster(Notifier notifier, CutoverThreads cutovers) {
        this.notifier = notifier;
        this.cutovers = cutovers;
    }

    /**
     * Shows {@code t}.
     *
     * @return the incident with its message, when this call posted a new one (to be stored)
     */
    Optional<Incident> show(WatchedQueue q, AlertTransition t) {
        Incident incident = t.incident();
        if (incident == null) {
            return Optional.empty();
        }
        boolean recovered = t.change() == AlertTransition.Change.RECOVERED;
        Message body = QueueAlertMessages.incident(q, t.next(), incident, recovered);
        if (t.change() == AlertTransition.Change.OPENED) {
            return open(q, t, incident, body);
        }
        if (incident.message() != null) {
            Polls.quietly(q.name(), () -> notifier.update(incident.message(), body));
        }
        if (t.change() != AlertTransition.Change.NONE && incident.thread() != null) {
            Polls.quietly(q.name(), () -> notifier.reply(incident.thread(), QueueAlertMessages.change(q, t)));
        }
        return Optional.empty();
    }

    private Optional<Incident> open(WatchedQueue q, AlertTransition t, Incident incident, Message body) {
        Optional<MessageRef> cutover = q.config().pair() == null
                ? Optional.empty()
                : cutovers.threadOf(q.config().pair());
        try {
            MessageRef posted = cutover.isPresent()
                    ? notifier.reply(cutover.get(), body)
                    : notifier.post(q.config().channel(), body);
            return Optional.of(incident.postedAt(posted, cutover.orElse(posted)));
        } catch (RuntimeException e) {
            log.warn("could not post the {} alert of {}: {}", t.to().wire(), q.name(), e.toString());
            return Optional.empty();
        }
    }
}
