package dev.cutover.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepPolicyTest {
    /** The example: 0–100 visible → min (1), 100–300 → half max (5), 300 and more → max (10). */
    private final StepPolicy policy = new StepPolicy(
            StepPolicy.Type.EXACT_CAPACITY,
            0,
            List.of(
                    new StepPolicy.Step(0.0, 100.0, 1),
                    new StepPolicy.Step(100.0, 300.0, 5),
                    new StepPolicy.Step(300.0, null, 10)),
            1,
            10);

    @Test
    void exactCapacityFollowsTheStepsWithInclusiveLowerAndExclusiveUpperBounds() {
        assertThat(policy.capacityFor(0, 3)).isEqualTo(1);
        assertThat(policy.capacityFor(99.5, 3)).isEqualTo(1);
        assertThat(policy.capacityFor(100, 3)).isEqualTo(5);
        assertThat(policy.capacityFor(299.9, 3)).isEqualTo(5);
        assertThat(policy.capacityFor(300, 3)).isEqualTo(10);
        assertThat(policy.capacityFor(10_000, 3)).isEqualTo(10);
    }

    @Test
    void changeInCapacityIsClampedToMinAndMax() {
        StepPolicy change = new StepPolicy(
                StepPolicy.Type.CHANGE_IN_CAPACITY,
                100,
                List.of(new StepPolicy.Step(0.0, 200.0, 2), new StepPolicy.Step(200.0, null, 4)),
                1,
                6);
        assertThat(change.capacityFor(150, 2)).isEqualTo(4);
        assertThat(change.capacityFor(400, 5)).isEqualTo(6);
        assertThat(change.capacityFor(50, 3)).isEqualTo(3); // below the alarm threshold: no step
    }
}
