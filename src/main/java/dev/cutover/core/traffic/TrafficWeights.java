package dev.cutover.core.traffic;

import java.util.List;

/**
 * The weights of one pair's two sides. Implementations: Route 53 weighted records
 * ({@link DnsWeightedTraffic}), an ALB forward action, and in memory.
 */
public interface TrafficWeights {
    /**
     * Reads both sides' weights.
     *
     * @throws TrafficException {@code NOT_FOUND} when a side is missing; {@code THROTTLED} or
     *     {@code AWS_ERROR} when the read fails
     */
    Weights read();

    /**
     * Sets both sides' weights as one compare-and-swap: nothing is written unless the weights are
     * {@code expected}, and afterwards they are {@code next}.
     *
     * @param comment why, for the service's change log where it keeps one (cut to its limit)
     * @throws TrafficException {@code DRIFTED} when the weights were not {@code expected} (nothing
     *     written); {@code MISMATCH} when the weights read back after the write are not {@code next}
     *     (a backend without a conditional write); {@code NOT_FOUND}, {@code THROTTLED} or
     *     {@code AWS_ERROR} otherwise
     */
    void set(Weights expected, Weights next, String comment);

    /**
     * The writes {@link #set set(from, to)} would make, one line each, for a dry run; reads the
     * service where the writes repeat current values.
     *
     * @throws TrafficException as {@link #read}
     */
    default List<String> preview(Weights from, Weights to) {
        return List.of("set " + to + " where it is " + from);
    }

    /** The highest weight the backend accepts for one side (Route 53: 255, ALB: 999). */
    int maxWeight();
}
