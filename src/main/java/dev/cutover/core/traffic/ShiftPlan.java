package dev.cutover.core.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a shift will do, as approved: the weights it starts from and those of each step, how long
 * each step bakes, and what a crossed threshold does.
 *
 * @param pair the pair's name
 * @param start the weights read when planned; an abort returns to them
 * @param percents percent of traffic to green at each step, increasing
 * @param steps the weights of each step, one per percent
 * @param bake how long each step is watched before the next
 * @param onAlarm halt (stay) or revert (to the last weights that baked healthy)
 */
public record ShiftPlan(
        String pair, Weights start, List<Integer> percents, List<Weights> steps, Duration bake, OnAlarm onAlarm) {

    /** What a crossed threshold during a bake does. */
    public enum OnAlarm {
        HALT,
        REVERT
    }

    public ShiftPlan {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(start, "start");
        percents = List.copyOf(percents);
        steps = List.copyOf(steps);
        Objects.requireNonNull(bake, "bake");
        Objects.requireNonNull(onAlarm, "onAlarm");
        if (percents.isEmpty() || percents.size() != steps.size()) {
            throw new IllegalArgumentException("one weight pair per step, at least one step");
        }
    }

    /**
     * The plan from {@code start} through {@code percents}, each step's weights adding up to {@code
     * scale}.
     */
    public static ShiftPlan of(
            String pair, Weights start, List<Integer> percents, int scale, Duration bake, OnAlarm onAlarm) {
        List<Weights> steps =
                percents.stream().map(p -> Weights.ofPercent(p, scale)).toList();
        return new ShiftPlan(pair, start, percents, steps, bake, onAlarm);
    }

    /** The weights of step {@code i} (0-based); {@code -1} is the start. */
    public Weights weightsAt(int i) {
        return i < 0 ? start : steps.get(i);
    }

    /** No traffic to green, at this plan's scale: where an abort goes. */
    public Weights allBlue() {
        Weights any = steps.get(0);
        return new Weights(any.blue() + any.green(), 0);
    }

    /** True when {@code i} is the last step. */
    public boolean isLast(int i) {
        return i == steps.size() - 1;
    }
}
