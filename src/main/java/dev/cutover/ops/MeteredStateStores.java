package dev.cutover.ops;

import dev.cutover.alert.AlarmState;
import dev.cutover.alert.ServiceWatchState;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The monitors' state stores, their alerts measured by kind: {@code queue} (a queue's backlog level:
 * ok, warning, critical), {@code service} (running below desired for too long: ok or warning) and
 * {@code alarm} (a CloudWatch alarm's state: ok, alarm, insufficient_data; open from ALARM to OK).
 * {@code cutover_alert_transitions_total{kind,from,to}} counts each level change this replica
 * stored (the one that posts it); {@code cutover_alerts_open{kind}} counts the keys whose state, as
 * last read or written here, holds an open alert. Every replica reads every key's state each poll,
 * so the gauge follows the shared state within one poll interval.
 */
public final class MeteredStateStores implements StateStores {
    private static final String OK = "ok";

    private final StateStores stores;
    private final MeterRegistry registry;

    public MeteredStateStores(StateStores stores, MeterRegistry registry) {
        this.stores = stores;
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> StateStore<T> named(String name, Class<T> type) {
        StateStore<T> store = stores.named(name, type);
        if (type == AlertState.class) {
            return (StateStore<T>) new Levels<>(
                    (StateStore<AlertState>) store, name, s -> s.level().wire(), s -> s.incident() != null);
        }
        if (type == ServiceWatchState.class) {
            return (StateStore<T>) new Levels<>(
                    (StateStore<ServiceWatchState>) store,
                    name,
                    s -> s.belowWarned() ? "warning" : OK,
                    ServiceWatchState::belowWarned);
        }
        if (type == AlarmState.class) {
            return (StateStore<T>) new Levels<>(
                    (StateStore<AlarmState>) store, name, s -> s.state().toLowerCase(Locale.ROOT), AlarmState::open);
        }
        return store;
    }

    /** A store whose states have an alert level, measured under {@code kind}. */
    private final class Levels<S> implements StateStore<S> {
        private final StateStore<S> store;
        private final String kind;
        private final Function<S, String> level;
        private final Map<String, S> seen = new ConcurrentHashMap<>();

        Levels(StateStore<S> store, String kind, Function<S, String> level, Predicate<S> open) {
            this.store = store;
            this.kind = kind;
            this.level = level;
            Gauge.builder("cutover.alerts.open", seen, m -> m.values().stream()
                            .filter(open)
                            .count())
                    .description("Open alerts (queue incidents, services running below desired, alarms in ALARM)")
                    .tag("kind", kind)
                    .register(registry);
        }

        @Override
        public Optional<Versioned<S>> get(String key) {
            Optional<Versioned<S>> v = store.get(key);
            v.ifPresent(s -> seen.put(key, s.state()));
            return v;
        }

        @Override
        public boolean compareAndSet(String key, long expectedVersion, S next) {
            if (!store.compareAndSet(key, expectedVersion, next)) {
                return false;
            }
            S before = seen.put(key, next);
            String from = before == null ? OK : level.apply(before);
            String to = level.apply(next);
            if (!from.equals(to)) {
                Counter.builder("cutover.alert.transitions")
                        .description("Alert level changes")
                        .tag("kind", kind)
                        .tag("from", from)
                        .tag("to", to)
                        .register(registry)
                        .increment();
            }
            return true;
        }
    }
}
