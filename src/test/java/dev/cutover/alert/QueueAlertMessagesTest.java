package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueAlertMessagesTest {
    @Test
    void aShortIncidentIsTimedInSecondsALongerOneInMinutes() {
        assertThat(QueueAlertMessages.elapsed(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(QueueAlertMessages.elapsed(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(QueueAlertMessages.elapsed(Duration.ofMinutes(6).plusSeconds(10)))
                .isEqualTo("6 min");
    }
}
