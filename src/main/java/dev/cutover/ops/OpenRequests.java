package dev.cutover.ops;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cutover_requests_open{state}}: the open request of every configured pair by state
 * (pending, approved, applying, submitted), read from the shared store by {@link #sample()} (every
 * 15 s from the ops timer), so a scrape never waits on Redis and every replica shows the same.
 */
public final class OpenRequests {
    private static final Logger log = LoggerFactory.getLogger(OpenRequests.class);

    private final ApprovalStore store;
    private final List<String> pairs;
    private final Map<ApprovalState, AtomicInteger> counts = new EnumMap<>(ApprovalState.class);

    /** @param pairs the configured pair names */
    public OpenRequests(ApprovalStore store, List<String> pairs, MeterRegistry registry) {
        this.store = store;
        this.pairs = List.copyOf(pairs);
        for (ApprovalState s : ApprovalState.values()) {
            if (s.isOpen()) {
                AtomicInteger n = new AtomicInteger();
                counts.put(s, n);
                Gauge.builder("cutover.requests.open", n, AtomicInteger::get)
                        .description("Open change requests by state (one per pair at most)")
                        .tag("state", s.name().toLowerCase())
                        .register(registry);
            }
        }
    }

    /** Reads each pair's open request; on a store failure the gauges keep their last values. */
    public void sample() {
        Map<ApprovalState, Integer> now = new EnumMap<>(ApprovalState.class);
        try {
            for (String pair : pairs) {
                store.openRequest(pair)
                        .flatMap(store::get)
                        .map(ApprovalRequest::state)
                        .filter(ApprovalState::isOpen)
                        .ifPresent(s -> now.merge(s, 1, Integer::sum));
            }
        } catch (RuntimeException e) {
            log.debug("could not count open requests: {}", e.toString());
            return;
        }
        counts.forEach((s, n) -> n.set(now.getOrDefault(s, 0)));
    }
}
