package dev.cutover.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every {@link TrafficWeights} promises; each implementation's test starts at blue 100 / green 0. */
public abstract class TrafficWeightsContract {
    /** The weights under test, starting at blue 100 / green 0. */
    protected abstract TrafficWeights weights();

    /** Changes the weights behind the port's back, as someone at the console would. */
    protected abstract void editBehindTheBack(Weights w);

    @Test
    void aCompareAndSwapFromTheCurrentWeightsWrites() {
        weights().set(new Weights(100, 0), new Weights(90, 10), "step 1");

        assertThat(weights().read()).isEqualTo(new Weights(90, 10));
    }

    @Test
    void aCompareAndSwapFromOtherWeightsIsRefusedAndWritesNothing() {
        editBehindTheBack(new Weights(70, 30));

        assertThatThrownBy(() -> weights().set(new Weights(100, 0), new Weights(90, 10), "step 1"))
                .isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TrafficException.Kind.DRIFTED);
                    assertThat(e.getMessage()).contains("expected blue 100 / green 0, now blue 70 / green 30");
                });
        assertThat(weights().read()).isEqualTo(new Weights(70, 30));
    }

    @Test
    void theWholeWayToGreenAndBack() {
        weights().set(new Weights(100, 0), new Weights(0, 100), "all");
        weights().set(new Weights(0, 100), new Weights(100, 0), "back");

        assertThat(weights().read()).isEqualTo(new Weights(100, 0));
    }
}
