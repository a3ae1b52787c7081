package dev.cutover.core.alert;

import dev.cutover.core.alert.AlertTransition.Change;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The alert state machine: OK → WARNING → CRITICAL → recovered (OK), one reading at a time.
 *
 * <p>A level changes only after {@link AlertRule#consecutivePolls()} readings in a row call for the
 * same new level, and leaving a level needs the value below its bound less the hysteresis (see
 * {@link AlertRule}). A failed poll gives no reading: it breaks a streak and never changes the level,
 * so it can never mark a queue as recovered. Pure: no clock, no I/O.
 */
public final class AlertMachine {
    private AlertMachine() {}

    /** Applies {@code sample} to {@code state}. */
    public static AlertTransition next(AlertRule rule, AlertState state, QueueSample sample) {
        if (state.last() != null && !sample.at().isAfter(state.last().at())) {
            return new AlertTransition(state, Change.STALE, state.level(), state.incident());
        }
        AlertLevel target = rule.target(state.level(), sample);
        AlertLevel pending = target == state.level() ? null : target;
        int polls = pending == null ? 0 : pending == state.pending() ? state.pendingPolls() + 1 : 1;
        Instant since = pending == null ? null : polls == 1 ? sample.at() : state.pendingSince();
        Incident incident = state.incident() == null ? null : state.incident().observe(sample.visible(), state.level());
        if (pending == null || polls < rule.consecutivePolls()) {
            AlertState next =
                    new AlertState(state.level(), pending, polls, since, sample, incident, state.historyWith(sample));
            return new AlertTransition(next, Change.NONE, state.level(), incident);
        }
        return changeLevel(state, sample, pending, since, incident);
    }

    /** A poll that gave no reading for the queue: the streak breaks, the level stays. */
    public static AlertState failed(AlertState state) {
        return new AlertState(state.level(), null, 0, null, state.last(), state.incident(), state.history());
    }

    private static AlertTransition changeLevel(
            AlertState state, QueueSample sample, AlertLevel to, Instant since, @Nullable Incident incident) {
        AlertLevel from = state.level();
        Change change;
        Incident open;
        if (from == AlertLevel.OK) {
            change = Change.OPENED;
            open = new Incident(since, to, sample.visible(), null, null);
        } else if (to == AlertLevel.OK) {
            change = Change.RECOVERED;
            open = null;
        } else {
            change = to.compareTo(from) > 0 ? Change.ESCALATED : Change.EASED;
            open = incident.observe(sample.visible(), to);
        }
        AlertState next = new AlertState(to, null, 0, null, sample, open, state.historyWith(sample));
        return new AlertTransition(next, change, from, change == Change.RECOVERED ? incident : open);
    }
}
