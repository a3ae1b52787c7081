package dev.cutover.core.traffic;

import java.util.List;
import java.util.Optional;

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
     * As {@link #set}, and says whether the new weights still have to propagate.
     *
     * @return the id of the backend's change to wait for ({@link #live}), or empty when the weights
     *     take effect as the write returns (a load balancer, memory)
     * @throws TrafficException as {@link #set}
     */
    default Optional<String> change(Weights expected, Weights next, String comment) {
        set(expected, next, comment);
        return Optional.empty();
    }

    /**
     * Asks once, without waiting, whether the change {@link #change} returned is live everywhere
     * (Route 53: INSYNC on all its DNS servers).
     *
     * @return true when live, false while it propagates
     * @throws TrafficException {@code THROTTLED} or {@code AWS_ERROR} when the status cannot be read
     */
    default boolean live(String changeId) {
        return true;
    }

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
