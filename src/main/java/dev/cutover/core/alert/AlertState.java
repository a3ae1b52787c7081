package dev.cutover.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the bot knows about one queue between polls; kept in the shared store so every replica sees
 * the same.
 *
 * @param level the level last posted
 * @param pending the different level the latest readings call for, or null
 * @param pendingPolls how many readings in a row called for {@code pending}
 * @param pendingSince when the first of those readings was taken, or null
 * @param last the newest reading counted, or null before the first
 * @param incident the open incident, or null when OK
 * @param history visible messages of the last hour, oldest first, for the sparkline
 */
public record AlertState(
        AlertLevel level,
        @Nullable AlertLevel pending,
        int pendingPolls,
        @Nullable Instant pendingSince,
        @Nullable QueueSample last,
        @Nullable Incident incident,
        List<Point> history) {
    /** How much history is kept. */
    public static final Duration HISTORY = Duration.ofHours(1);

    /**
     * One point of the sparkline.
     *
     * @param at when
     * @param value visible messages
     */
    public record Point(Instant at, double value) {}

    public AlertState {
        Objects.requireNonNull(level, "level");
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A queue never read: OK, nothing pending. */
    public static AlertState initial() {
        return new AlertState(AlertLevel.OK, null, 0, null, null, null, List.of());
    }

    /** This state with the open incident replaced. */
    public AlertState withIncident(Incident next) {
        return new AlertState(level, pending, pendingPolls, pendingSince, last, next, history);
    }

    /** The history with {@code sample} appended and points older than {@link #HISTORY} dropped. */
    List<Point> historyWith(QueueSample sample) {
        List<Point> h = new ArrayList<>();
        Instant from = sample.at().minus(HISTORY);
        for (Point p : history) {
            if (p.at().isAfter(from)) {
                h.add(p);
            }
        }
        h.add(new Point(sample.at(), sample.visible()));
        return h;
    }
}
