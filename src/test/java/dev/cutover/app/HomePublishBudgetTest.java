package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.commands.HomeDashboard;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.home.HomeSurface;
import dev.cutover.core.home.PublishBudget;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryDnsRecords;
import dev.cutover.memory.InMemoryHomeViewers;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.NoPauses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Home's publishes within the workspace's {@code views.publish} budget: beyond it they wait for
 * room and then go, each once, with the newest state; an open is asked for as an open.
 */
class HomePublishBudgetTest {
    static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

    /** A budget with {@code room} publishes left; without room, asks to wait 50 ms. */
    static final class CountedBudget implements PublishBudget {
        final AtomicInteger room = new AtomicInteger();
        final List<Boolean> asked = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Duration take(boolean open, Instant now) {
            if (down) {
                throw new IllegalStateException("Redis is unreachable");
            }
            asked.add(open);
            return room.getAndUpdate(r -> Math.max(0, r - 1)) > 0 ? Duration.ZERO : Duration.ofMillis(50);
        }
    }

    final MutableClock clock = new MutableClock(NOW);
    final Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
    final HomeSurface surface = (user, view) ->
            published.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    final InMemoryHomeViewers viewers = new InMemoryHomeViewers();
    final CountedBudget budget = new CountedBudget();
    final HomeWiring home = new HomeWiring(new HomePorts(surface, viewers, budget, Duration.ZERO), clock);

    HomePublishBudgetTest() {
        home.show(new HomeDashboard(
                new HomeDashboard.Sources(
                        new PairCatalog(List.of()),
                        new InMemoryDnsRecords(clock, Duration.ZERO),
                        new InMemoryApprovalStore(),
                        new FourEyes(group -> Set.of()),
                        pair -> Optional.empty(),
                        pair -> Optional.empty(),
                        List.of(),
                        new InMemoryJobHistory(10),
                        new NoPauses(),
                        job -> Optional.empty(),
                        List.of()),
                clock));
    }

    @AfterEach
    void close() {
        home.close();
    }

    int total() {
        return published.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void publishesBeyondTheBudgetWaitForRoomThenGoEachOnce() {
        IntStream.range(0, 70).forEach(i -> viewers.opened("U" + i, NOW));
        budget.room.set(60);

        home.changed();

        await().atMost(Duration.ofSeconds(5)).until(() -> total() == 60 && home.deferredNow() == 10);
        // Held back while there is no room: re-asked every 50 ms, never published.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> total() == 60);
        assertThat(budget.asked).doesNotContain(true);

        budget.room.set(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> total() == 70 && home.deferredNow() == 0);
        assertThat(published)
                .hasSize(70)
                .allSatisfy((user, n) -> assertThat(n.get()).as(user).isEqualTo(1));
    }

    @Test
    void anOpenIsAskedForAsAnOpenAndAChangeAfterItIsNot() {
        budget.room.set(10);
        home.opened("U-NEW");
        await().atMost(Duration.ofSeconds(5)).until(() -> total() == 1);
        assertThat(budget.asked).containsExactly(true);

        home.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> total() == 2);
        assertThat(budget.asked).containsExactly(true, false);
    }

    @Test
    void aBudgetThatCannotBeReadLetsThePublishesGo() {
        IntStream.range(0, 3).forEach(i -> viewers.opened("U" + i, NOW));
        budget.down = true;

        home.changed();

        // Slack's own 429 still paces them; a Home that never refreshes would be worse.
        await().atMost(Duration.ofSeconds(5)).until(() -> total() == 3);
        assertThat(home.deferredNow()).isZero();
    }
}
