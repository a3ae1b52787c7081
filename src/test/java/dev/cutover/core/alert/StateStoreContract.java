package dev.cutover.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.chat.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link StateStore}, run against every implementation. */
public abstract class StateStoreContract {
    protected StateStore<AlertState> store;

    /** A new, empty store of {@link AlertState}. */
    protected abstract StateStore<AlertState> newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    static AlertState warning() {
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        QueueSample s = new QueueSample(at, 150.5, 42.0);
        return new AlertState(
                AlertLevel.WARNING,
                AlertLevel.CRITICAL,
                1,
                at,
                s,
                new Incident(at, AlertLevel.WARNING, 150.5, new MessageRef("C1", "1.2"), new MessageRef("C1", "1.2")),
                List.of(new AlertState.Point(at, 150.5)));
    }

    @Test
    void anAbsentKeyIsEmptyAndTheFirstSetExpectsVersionZero() {
        assertThat(store.get("q")).isEmpty();
        assertThat(store.compareAndSet("q", 1, AlertState.initial())).isFalse();
        assertThat(store.compareAndSet("q", 0, AlertState.initial())).isTrue();
        assertThat(store.get("q"))
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(1));
    }

    @Test
    void aStateRoundTripsWithEveryField() {
        store.compareAndSet("q", 0, warning());
        assertThat(store.get("q").orElseThrow().state()).isEqualTo(warning());
    }

    @Test
    void aSetWithAStaleVersionChangesNothing() {
        store.compareAndSet("q", 0, AlertState.initial());
        assertThat(store.compareAndSet("q", 1, warning())).isTrue();
        assertThat(store.compareAndSet("q", 1, AlertState.initial())).isFalse();
        assertThat(store.get("q").orElseThrow().state()).isEqualTo(warning());
        assertThat(store.get("q").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
        store.compareAndSet("q", 0, AlertState.initial());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> writers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return store.compareAndSet("q", 1, warning());
                }))
                .toList();
        go.countDown();
        long winners = writers.stream().filter(CompletableFuture::join).count();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void keysAreIndependent() {
        store.compareAndSet("a", 0, warning());
        assertThat(store.get("b")).isEmpty();
    }
}
