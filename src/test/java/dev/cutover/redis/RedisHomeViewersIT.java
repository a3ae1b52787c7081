package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.home.HomeViewers;
import dev.cutover.memory.InMemoryHomeViewers;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Home's recent viewers, in Redis shared by replicas (two instances over one prefix), and the
 * same contract in memory: a later open replaces an earlier one, and opens older than asked for are
 * left out.
 */
class RedisHomeViewersIT {
    static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    final String prefix = TestRedis.newPrefix();

    @AfterEach
    void clean() {
        TestRedis.deleteAll(prefix);
    }

    static void recentOpensOnly(Supplier<HomeViewers> replica) {
        HomeViewers one = replica.get();
        HomeViewers two = replica.get();

        one.opened("U-OLD", T.minus(Duration.ofMinutes(61)));
        one.opened("U-ALICE", T.minus(Duration.ofMinutes(59)));
        two.opened("U-BOB", T.minus(Duration.ofMinutes(90)));
        two.opened("U-BOB", T.minus(Duration.ofMinutes(5)));

        assertThat(two.since(T.minus(Duration.ofHours(1)))).containsExactlyInAnyOrder("U-ALICE", "U-BOB");
        assertThat(one.since(T.minus(Duration.ofMinutes(10)))).containsExactly("U-BOB");
        assertThat(one.since(T)).isEmpty();
    }

    @Test
    void twoReplicasShareTheRecentViewersInRedis() {
        recentOpensOnly(() -> new RedisHomeViewers(TestRedis.client(), prefix));
    }

    @Test
    void oneProcessKeepsThemInMemory() {
        InMemoryHomeViewers shared = new InMemoryHomeViewers();
        recentOpensOnly(() -> shared);
    }

    @Test
    void theSetForgetsOpensOlderThanAskedFor() {
        RedisHomeViewers viewers = new RedisHomeViewers(TestRedis.client(), prefix);
        viewers.opened("U-OLD", T.minus(Duration.ofHours(2)));
        viewers.opened("U-NEW", T);

        viewers.since(T.minus(Duration.ofHours(1)));

        assertThat(TestRedis.client().zcard(prefix + "home:viewers")).isEqualTo(1);
    }
}
