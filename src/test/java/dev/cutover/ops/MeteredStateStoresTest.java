package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.alert.ServiceWatchState;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStores;
import dev.cutover.memory.InMemoryStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Service alerts (running below desired, warned) are level transitions and open alerts of kind service. */
class MeteredStateStoresTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StateStores stores = new MeteredStateStores(
            new StateStores() {
                @Override
                public <T> StateStore<T> named(String name, Class<T> type) {
                    return new InMemoryStateStore<>();
                }
            },
            registry);

    @Test
    void aWarnedServiceOpensAnAlertAndItsRecoveryClosesIt() {
        StateStore<ServiceWatchState> services = stores.named("service", ServiceWatchState.class);
        Instant since = Instant.parse("2026-01-01T10:00:00Z");
        services.compareAndSet("prod/api", 0, new ServiceWatchState(new ServiceCounts(6, 4, 2), null, since, false));
        services.compareAndSet("prod/api", 1, new ServiceWatchState(new ServiceCounts(6, 4, 2), null, since, true));

        assertThat(transitions("ok", "warning")).isEqualTo(1.0);
        assertThat(open()).isEqualTo(1.0);

        services.compareAndSet("prod/api", 2, new ServiceWatchState(new ServiceCounts(6, 6, 0), null, null, false));
        assertThat(transitions("warning", "ok")).isEqualTo(1.0);
        assertThat(open()).isZero();
        assertThat(services.compareAndSet("prod/api", 2, null))
                .as("a stale version is refused")
                .isFalse();
    }

    private double transitions(String from, String to) {
        return registry.get("cutover.alert.transitions")
                .tags("kind", "service", "from", from, "to", to)
                .counter()
                .count();
    }

    private double open() {
        return registry.get("cutover.alerts.open")
                .tags("kind", "service")
                .gauge()
                .value();
    }
}
