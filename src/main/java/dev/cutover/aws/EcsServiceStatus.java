package dev.cutover.aws;

import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * {@link ServiceStatus} from ECS DescribeServices, {@value #MAX_SERVICES} services per call (the
 * API's limit). Services ECS reports as failures (MISSING) or INACTIVE are left out.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html">DescribeServices</a>
 */
public final class EcsServiceStatus implements ServiceStatus {
    /** DescribeServices' limit on services per call. */
    public static final int MAX_SERVICES = 10;

    private final Supplier<EcsClient> ecs;

    public EcsServiceStatus(EcsClient ecs) {
        this(() -> ecs);
    }

    /** Over the client {@code ecs} supplies, asked on each call (e.g. one built on first use). */
    public EcsServiceStatus(Supplier<EcsClient> ecs) {
        this.ecs = ecs;
    }

    @Override
    public Map<String, ServiceCounts> describe(String cluster, Collection<String> services) {
        List<String> all = new ArrayList<>(services);
        Map<String, ServiceCounts> out = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += MAX_SERVICES) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_SERVICES));
            DescribeServicesResponse r =
                    ecs.get().describeServices(b -> b.cluster(cluster).services(chunk));
            for (Service s : r.services()) {
                if (!"INACTIVE".equals(s.status())) {
                    out.put(
                            s.serviceName(),
                            new ServiceCounts(n(s.desiredCount()), n(s.runningCount()), n(s.pendingCount())));
                }
            }
        }
        return out;
    }

    private static int n(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
