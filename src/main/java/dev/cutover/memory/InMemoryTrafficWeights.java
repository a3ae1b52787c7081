package dev.cutover.memory;

import dev.cutover.core.traffic.TrafficException;
import dev.cutover.core.traffic.TrafficWeights;
import dev.cutover.core.traffic.Weights;
import java.util.Objects;

/**
 * {@link TrafficWeights} in memory: a compare-and-swap on one value, with the backend's highest
 * weight. {@link #put} edits the weights behind the bot's back, as someone at the console would.
 * Thread-safe.
 */
public final class InMemoryTrafficWeights implements TrafficWeights {
    private final int maxWeight;
    private Weights weights;
    private long writes;

    /**
     * @param initial the weights at the start
     * @param maxWeight the highest weight of one side (255 as Route 53, 999 as an ALB)
     */
    public InMemoryTrafficWeights(Weights initial, int maxWeight) {
        this.weights = Objects.requireNonNull(initial, "initial");
        this.maxWeight = maxWeight;
    }

    @Override
    public synchronized Weights read() {
        return weights;
    }

    @Override
    public synchronized void set(Weights expected, Weights next, String comment) {
        if (next.blue() > maxWeight || next.green() > maxWeight) {
            throw new IllegalArgumentException("weights above " + maxWeight + ": " + next);
        }
        if (!weights.equals(expected)) {
            throw new TrafficException(
                    TrafficException.Kind.DRIFTED,
                    "the weights changed since the plan; nothing was applied (expected " + expected + ", now " + weights
                            + ")");
        }
        weights = next;
        writes++;
    }

    @Override
    public int maxWeight() {
        return maxWeight;
    }

    /** Sets the weights directly, bypassing the compare-and-swap. */
    public synchronized void put(Weights w) {
        weights = Objects.requireNonNull(w, "w");
    }

    /** How many {@link #set} calls wrote: to prove a step was applied once. */
    public synchronized long writes() {
        return writes;
    }
}
