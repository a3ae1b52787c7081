package dev.cutover.core.alert;

import java.util.Collection;
import java.util.Map;

/** Reads ECS services' task counts (ECS DescribeServices, or the sandbox). */
public interface ServiceStatus {
    /**
     * The counts of {@code services} in {@code cluster}.
     *
     * @return counts by service name; a service ECS does not know (or that is INACTIVE) is absent
     * @throws RuntimeException when the read failed after the SDK's retries
     */
    Map<String, ServiceCounts> describe(String cluster, Collection<String> services);
}
