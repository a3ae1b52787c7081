package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftObserver;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows each stored change of a shift: the shift's message is re-rendered from the stored state,
 * and progress (each weight change, a halt, a revert, the end) goes to its thread.
 */
public final class ShiftPresenter implements ShiftObserver {
    private static final Logger log = LoggerFactory.getLogger(ShiftPresenter.class);

    private final Notifier notifier;
    private final Clock clock;

    public ShiftPresenter(Notifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public void changed(Shift before, Shift after) {
        if (after.message() == null) {
            return;
        }
        try {
            notifier.update(after.message(), ShiftMessages.render(after, clock.instant()));
            String line = ShiftMessages.progress(before, after);
            if (!line.isEmpty()) {
                notifier.reply(after.message(), Message.text(line));
            }
        } catch (RuntimeException e) {
            // The store holds the state; the next change renders it again.
            log.warn("shift {}: message not updated", after.id(), e);
        }
    }
}
