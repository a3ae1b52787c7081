package dev.cutover.core.traffic;

import java.time.Instant;
import java.util.List;

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
     */
    record Reading(String summary, List<String> breaches) {
        public Reading {
            breaches = List.copyOf(breaches);
        }

        /** True when no threshold is crossed. */
        public boolean healthy() {
            return breaches.isEmpty();
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
