package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link FireClaims} contract, run against every implementation with real time and short TTLs;
 * each test gets a fresh, empty store.
 */
public abstract class FireClaimsContract {
    protected FireClaims claims;

    /** New claims sharing nothing with those of other tests. */
    protected abstract FireClaims newClaims();

    @BeforeEach
    void setUpClaims() {
        claims = newClaims();
    }

    @Test
    void aFireIdentityIsClaimedOnce() {
        assertThat(claims.claim("fire:x-1", Duration.ofSeconds(60))).isTrue();
        assertThat(claims.claim("fire:x-1", Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void aClaimCanBeSeenWithoutTakingIt() {
        assertThat(claims.isClaimed("fire:seen-1")).isFalse();
        assertThat(claims.claim("fire:seen-1", Duration.ofSeconds(60))).isTrue();
        assertThat(claims.isClaimed("fire:seen-1")).isTrue();
        assertThat(claims.isClaimed("fire:seen-2")).isFalse();
    }

    @Test
    void keysAreIndependent() {
        assertThat(claims.claim("fire:a-1", Duration.ofSeconds(60))).isTrue();
        assertThat(claims.claim("fire:b-1", Duration.ofSeconds(60))).isTrue();
        assertThat(claims.claim("fire:a-2", Duration.ofSeconds(60))).isTrue();
        assertThat(claims.claim("fire:b-1", Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void aClaimIsKeptForItsTtlAndThenFreeAgain() {
        Duration ttl = Duration.ofMillis(400);
        long start = System.nanoTime();
        assertThat(claims.claim("fire:short-1", ttl)).isTrue();
        assertThat(claims.claim("fire:short-1", ttl)).isFalse();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> claims.claim("fire:short-1", ttl));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ttl.minusMillis(50));
        assertThat(claims.claim("fire:short-1", ttl))
                .as("claimed again, for a new TTL")
                .isFalse();
    }
}
