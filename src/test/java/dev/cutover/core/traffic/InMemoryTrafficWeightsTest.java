package dev.cutover.core.traffic;

import dev.cutover.memory.InMemoryTrafficWeights;

class InMemoryTrafficWeightsTest extends TrafficWeightsContract {
    final InMemoryTrafficWeights weights = new InMemoryTrafficWeights(new Weights(100, 0), 999);

    @Override
    protected TrafficWeights weights() {
        return weights;
    }

    @Override
    protected void editBehindTheBack(Weights w) {
        weights.put(w);
    }
}
