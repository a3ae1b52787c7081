package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinkRetriesTest {
    private static final SocketModeTimings TIMINGS = new SocketModeTimings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8),
            Duration.ofMinutes(1));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LinkRetries retries = new LinkRetries(TIMINGS, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aLastingFailureIsToldOnceAMinuteAndAChangedReasonAtOnce() {
        assertThat(retries.connected()).isEqualTo("Socket Mode link connected");
        retries.down();
        LinkFailure rejected = new LinkFailure("invalid_auth", true, null);

        assertThat(retries.failed(rejected))
                .matches("Socket Mode reconnect failed: Slack rejected the app token \\(invalid_auth\\);"
                        + " retrying with back-off, next in (0\\.[5-9]|1\\.0) s \\(attempt 1\\)");
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofSeconds(5));
            assertThat(retries.failed(rejected)).isNull();
        }
        advance(Duration.ofSeconds(10));
        assertThat(retries.failed(rejected)).contains("invalid_auth").contains("(attempt 12)");
        assertThat(retries.failed(new LinkFailure("HTTP 503"))).startsWith("Socket Mode reconnect failed: HTTP 503;");
    }

    @Test
    void waitsBackOffAndHonourRetryAfter() {
        retries.failed(new LinkFailure("internal_error"));
        assertThat(retries.attemptDue()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(retries.attemptDue()).isTrue();

        retries.failed(new LinkFailure("HTTP 429", false, Duration.ofSeconds(30)));
        advance(Duration.ofSeconds(29));
        assertThat(retries.attemptDue()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(retries.attemptDue()).isTrue();
    }

    @Test
    void aReconnectSaysHowLongTheLinkWasDown() {
        retries.connected();
        retries.down();
        advance(Duration.ofMillis(2_500));
        retries.failed(new LinkFailure("internal_error"));
        advance(Duration.ofMillis(1_000));

        assertThat(retries.connected()).isEqualTo("Socket Mode link reconnected after 3.5 s");
        assertThat(retries.attemptDue()).isTrue();
    }

    @Test
    void aFirstConnectAfterFailuresSaysHowLongItTook() {
        retries.failed(new LinkFailure("HTTP 503"));
        advance(Duration.ofSeconds(2));

        assertThat(retries.connected()).isEqualTo("Socket Mode link connected after 2.0 s");
    }
}
