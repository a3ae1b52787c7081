package dev.cutover.core.traffic;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The health of the side receiving traffic during a bake, judged by the cutover watch's thresholds
 * (5XX rate, p95 response time, running tasks).
 */
public interface ShiftHealth {
    /**
     * One reading of the green side of {@code pair}.
     *
     * @param summary what was read, for people (e.g. {@code 5XX 0.4% of 1,200 · p95 0.21 s · 3/3 tasks})
     * @param breaches one sentence per crossed threshold; empty when healthy
     * @param unconfirmed why the reading does not confirm green's health although no threshold is
     *     crossed (e.g. {@code green received no requests during the bake}: an error rate of nothing
     *     says nothing), or null when it does; a bake ending unconfirmed does not promote by itself
     */
    record Reading(String summary, List<String> breaches, @Nullable String unconfirmed) {
        public Reading {
            breaches = List.copyOf(breaches);
        }

        /** A reading that confirms what it says: healthy when {@code breaches} is empty. */
        public Reading(String summary, List<String> breaches) {
            this(summary, breaches, null);
        }

        /** A reading without crossed thresholds that does not confirm green's health, saying why. */
        public static Reading unconfirmed(String summary, String why) {
            return new Reading(summary, List.of(), why);
        }

        /** True when no threshold is crossed. */
        public boolean healthy() {
            return breaches.isEmpty();
        }

        /** True when the reading confirms green's health (enough requests were read). */
        public boolean confirmed() {
            return unconfirmed == null;
        }
    }

    /**
     * Reads the green side of {@code pair} since {@code since} (the start of the current step).
     *
     * @throws RuntimeException when the metrics cannot be read; the sweep then waits for the next
     *     reading and does not advance the shift
     */
    Reading read(String pair, Instant since);
}
