package dev.cutover.memory;

import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ServiceStatus} in this process, for tests: the counts last {@link #set} per service; a
 * service never set is absent, as ECS leaves out a MISSING one. Thread-safe.
 */
public final class InMemoryServiceStatus implements ServiceStatus {
    private final Map<String, ServiceCounts> services = new ConcurrentHashMap<>();

    /** Sets the counts of {@code service} in {@code cluster} (creating it). */
    public void set(String cluster, String service, ServiceCounts counts) {
        services.put(cluster + "/" + service, counts);
    }

    @Override
    public Map<String, ServiceCounts> describe(String cluster, Collection<String> names) {
        Map<String, ServiceCounts> out = new LinkedHashMap<>();
        for (String s : names) {
            ServiceCounts c = services.get(cluster + "/" + s);
            if (c != null) {
                out.put(s, c);
            }
        }
        return out;
    }
}
