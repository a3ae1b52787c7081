package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.home.PublishBudget;
import dev.cutover.memory.InMemoryPublishBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The workspace's views.publish budget, in memory and over the real Redis (shared by two replicas). */
class PublishBudgetIT {
    static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");
    static final String PREFIX = TestRedis.newPrefix();

    static Stream<Arguments> budgets() {
        return Stream.of(
                Arguments.of("in memory", (Supplier<PublishBudget[]>) () -> {
                    PublishBudget one = new InMemoryPublishBudget();
                    return new PublishBudget[] {one, one};
                }),
                Arguments.of("Redis, two replicas", (Supplier<PublishBudget[]>) () -> {
                    String prefix = PREFIX + System.nanoTime() + ":";
                    return new PublishBudget[] {
                        new RedisPublishBudget(TestRedis.client(), prefix),
                        new RedisPublishBudget(TestRedis.client(), prefix)
                    };
                }));
    }

    @AfterAll
    static void clean() {
        TestRedis.deleteAll(PREFIX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("budgets")
    void changesGetSixtyAMinuteOpensNinetyAndRoomComesBackAsTheWindowSlides(
            String name, Supplier<PublishBudget[]> made) {
        PublishBudget[] replicas = made.get();
        // 60 re-publishes after changes, alternating replicas, one every 500 ms: the window's share.
        for (int i = 0; i < PublishBudget.CHANGE_LIMIT; i++) {
            assertThat(replicas[i % 2].take(false, T0.plusMillis(500L * i)))
                    .as("change %d", i)
                    .isZero();
        }
        Instant t = T0.plusSeconds(30);
        // The 61st waits until the first leaves the window (taken at T0, gone at T0 + 60 s).
        assertThat(replicas[0].take(false, t)).isEqualTo(Duration.ofSeconds(30));
        assertThat(replicas[1].take(false, t)).isEqualTo(Duration.ofSeconds(30));
        // Opens still have 30 more.
        for (int i = 0; i < PublishBudget.OPEN_LIMIT - PublishBudget.CHANGE_LIMIT; i++) {
            assertThat(replicas[i % 2].take(true, t)).as("open %d", i).isZero();
        }
        // Now 90 in the window: the next open waits for the first to leave, a change for the 31st
        // (taken at T0 + 15 s, gone at T0 + 75 s).
        assertThat(replicas[0].take(true, t)).isEqualTo(Duration.ofSeconds(30));
        assertThat(replicas[1].take(false, t)).isEqualTo(Duration.ofSeconds(45));
        // A minute and a bit later the window holds only what was taken after T0 + 1 s.
        Instant later = T0.plusSeconds(61);
        assertThat(replicas[1].take(true, later)).isZero();
    }
}
