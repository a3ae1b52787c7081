package dev.cutover.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link AuditLog} contract; every implementation runs it with a fresh, empty log. */
public abstract class AuditLogContract {
    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    protected AuditLog log;

    /** A new audit log that shares nothing with those of other tests. */
    protected abstract AuditLog newLog();

    @BeforeEach
    void setUpLog() {
        log = newLog();
    }

    /** Event number {@code n} on {@code pair}, {@code n} seconds after T0. */
    protected static AuditEvent event(String pair, int n) {
        return new AuditEvent(T0.plusSeconds(n), pair, "r" + n, "approved", "U-" + n, Map.of("n", "" + n));
    }

    @Test
    void recentIsNewestFirst() {
        for (int n = 1; n <= 3; n++) {
            log.append(event("web", n));
        }
        assertThat(log.recent("web", 10)).containsExactly(event("web", 3), event("web", 2), event("web", 1));
    }

    @Test
    void recentHonoursTheLimit() {
        for (int n = 1; n <= 5; n++) {
            log.append(event("web", n));
        }
        assertThat(log.recent("web", 2)).containsExactly(event("web", 5), event("web", 4));
        assertThat(log.recent("web", 0)).isEmpty();
    }

    @Test
    void pairsAreSeparate() {
        log.append(event("web", 1));
        log.append(event("api", 2));
        assertThat(log.recent("web", 10)).containsExactly(event("web", 1));
        assertThat(log.recent("api", 10)).containsExactly(event("api", 2));
        assertThat(log.recent("none", 10)).isEmpty();
    }

    @Test
    void eventsWithoutRequestOrUserRoundTrip() {
        AuditEvent frozen = new AuditEvent(T0, "web", null, "frozen", null, Map.of());
        AuditEvent detailed = new AuditEvent(
                T0.plusMillis(1500), "web", "r9", "applied", "U-ALICE", Map.of("changeId", "C2EX", "seconds", "41"));
        log.append(frozen);
        log.append(detailed);
        assertThat(log.recent("web", 10)).containsExactly(detailed, frozen);
        assertThat(log.recent("web", 10).get(1).userId()).isEqualTo("system");
    }

    @Test
    void eachEventIsOneStructuredLogLine() {
        AuditEvent e = new AuditEvent(T0, "web", "r1", "applied", "U-ALICE", Map.of("changeId", "C2EX"));
        try (LogCapture capture = new LogCapture(AuditLines.LOGGER_NAME)) {
            log.append(e);
            assertThat(capture.events()).hasSize(1);
            ILoggingEvent line = capture.events().get(0);
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).isEqualTo("audit applied web by U-ALICE");
            // A store that ids its entries adds streamId last; RedisAuditLogIT checks its value.
            Map<String, Object> fields = LogCapture.keyValues(line);
            fields.remove("streamId");
            assertThat(fields)
                    .containsExactly(
                            Map.entry("at", "2025-03-01T10:15:30Z"),
                            Map.entry("pair", "web"),
                            Map.entry("requestId", "r1"),
                            Map.entry("action", "applied"),
                            Map.entry("userId", "U-ALICE"),
                            Map.entry("detail.changeId", "C2EX"));
        }
    }
}
