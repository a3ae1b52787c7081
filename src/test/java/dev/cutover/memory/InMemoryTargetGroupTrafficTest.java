package dev.cutover.memory;

import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.alert.TargetGroupTrafficContract;
import dev.cutover.core.alert.Traffic;

class InMemoryTargetGroupTrafficTest extends TargetGroupTrafficContract {
    @Override
    protected TargetGroupTraffic withTraffic(String loadBalancer, String targetGroup, Traffic traffic) {
        InMemoryTargetGroupTraffic t = new InMemoryTargetGroupTraffic();
        t.set(targetGroup, traffic);
        return t;
    }

    @Override
    protected TargetGroupTraffic withoutTraffic() {
        return new InMemoryTargetGroupTraffic();
    }
}
