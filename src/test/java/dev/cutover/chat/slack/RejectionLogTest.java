package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cutover.core.audit.LogCapture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RejectionLogTest {
    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final RejectionLog rejections = new RejectionLog(now::get);

    @Test
    void atMostOneLinePerReasonPerSecondWithTheCountOfTheOthers() {
        try (LogCapture capture = new LogCapture(RejectionLog.class.getName())) {
            for (int i = 0; i < 50; i++) {
                rejections.rejected("bad signature", "192.0.2.1", "/slack/events", 900_000);
                rejections.rejected("missing headers", "192.0.2.2", "/slack/events", 12);
                now.addAndGet(10_000_000L); // 50 x 10 ms: half a second
            }
            assertThat(capture.events()).hasSize(2);

            now.addAndGet(RejectionLog.WINDOW_NANOS);
            rejections.rejected("bad signature", "192.0.2.1", "/slack/events", 900_000);

            assertThat(capture.events()).hasSize(3);
            ILoggingEvent first = capture.events().get(0);
            assertThat(first.getLevel()).isEqualTo(Level.WARN);
            assertThat(first.getFormattedMessage())
                    .isEqualTo("Rejected a Slack request: bad signature from 192.0.2.1 to /slack/events (900000 bytes;"
                            + " 0 more rejected for this reason since the last line)");
            assertThat(capture.events().get(2).getFormattedMessage()).contains("49 more rejected");
        }
    }
}
