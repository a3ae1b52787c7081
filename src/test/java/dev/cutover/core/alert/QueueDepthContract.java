package dev.cutover.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The contract of {@link QueueDepth}, run against every implementation. */
public abstract class QueueDepthContract {
    protected static final String QUEUE = "orders-worker";
    protected static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    /** A port whose only queue is {@value #QUEUE}, holding {@code visible} messages, reading {@code clock}. */
    protected abstract QueueDepth withQueue(double visible, Clock clock);

    @Test
    void readsTheVisibleMessagesStampedWithTheReadTimeAndNoAge() {
        QueueDepth depth = withQueue(342, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(depth.read(QUEUE)).isEqualTo(new QueueSample(NOW, 342, null));
    }

    @Test
    void aQueueThatDoesNotExistIsAnException() {
        QueueDepth depth = withQueue(1, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> depth.read("no-such-queue")).isInstanceOf(RuntimeException.class);
    }
}
