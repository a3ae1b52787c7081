package dev.cutover.ops;

import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monitors' state stores, the queue alerts' measured: {@code
 * cutover_alert_transitions_total{kind="queue",from,to}} for each level change this replica stored
 * (the one that posts it), and {@code cutover_alerts_open{kind="queue"}}, the queues whose state,
 * as last read or written here, holds an open incident. Every replica reads every queue's state
 * each poll, so the gauge follows the shared state within one poll interval.
 */
public final class MeteredStateStores implements StateStores {
    /** The store name the queue monitor uses. */
    static final String QUEUE = "queue";

    private final StateStores stores;
    private final MeterRegistry registry;
    private final Map<String, AlertState> queues = new ConcurrentHashMap<>();

    public MeteredStateStores(StateStores stores, MeterRegistry registry) {
        this.stores = stores;
        this.registry = registry;
        Gauge.builder("cutover.alerts.open", queues, q -> q.values().stream()
                        .filter(s -> s.incident() != null)
                        .count())
                .description("Open alert incidents")
                .tag("kind", QUEUE)
                .register(registry);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> StateStore<T> named(String name, Class<T> type) {
        StateStore<T> store = stores.named(name, type);
        if (QUEUE.equals(name) && type == AlertState.class) {
            return (StateStore<T>) new QueueStates((StateStore<AlertState>) store);
        }
        return store;
    }

    private final class QueueStates implements StateStore<AlertState> {
        private final StateStore<AlertState> store;

        QueueStates(StateStore<AlertState> store) {
            this.store = store;
        }

        @Override
        public Optional<Versioned<AlertState>> get(String key) {
            Optional<Versioned<AlertState>> v = store.get(key);
            v.ifPresent(s -> queues.put(key, s.state()));
            return v;
        }

        @Override
        public boolean compareAndSet(String key, long expectedVersion, AlertState next) {
            if (!store.compareAndSet(key, expectedVersion, next)) {
                return false;
            }
            AlertState before = queues.put(key, next);
            if (before == null ? next.level() != AlertState.initial().level() : before.level() != next.level()) {
                Counter.builder("cutover.alert.transitions")
                        .description("Alert level changes")
                        .tag("kind", QUEUE)
                        .tag(
                                "from",
                                (before == null ? AlertState.initial() : before)
                                        .level()
                                        .wire())
                        .tag("to", next.level().wire())
                        .register(registry)
                        .increment();
            }
            return true;
        }
    }
}
