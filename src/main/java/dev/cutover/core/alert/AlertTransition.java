package dev.cutover.core.alert;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one reading: the next state and what changed, which decides what is posted.
 *
 * @param next the state to store
 * @param change what happened
 * @param from the level before
 * @param incident the incident concerned: the open one, or for RECOVERED the one just closed; null
 *     when none
 */
public record AlertTransition(AlertState next, Change change, AlertLevel from, @Nullable Incident incident) {
    /** What a reading did to the level. */
    public enum Change {
        /** The reading was not newer than the last one counted (another replica counted it). */
        STALE,
        /** The level did not change (a streak may have started or grown). */
        NONE,
        /** OK to WARNING or CRITICAL: a new incident. */
        OPENED,
        /** WARNING to CRITICAL. */
        ESCALATED,
        /** CRITICAL to WARNING. */
        EASED,
        /** Back to OK: the incident is closed. */
        RECOVERED
    }

    /** The level after. */
    public AlertLevel to() {
        return next.level();
    }

    /** For RECOVERED: from the incident's start to the reading that closed it. */
    public Duration duration() {
        return incident == null || next.last() == null
                ? Duration.ZERO
                : Duration.between(incident.since(), next.last().at());
    }
}
