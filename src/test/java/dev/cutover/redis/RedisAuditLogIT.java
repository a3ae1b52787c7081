package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.cutover.core.approval.StoreUnavailableException;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLines;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.audit.AuditLogContract;
import dev.cutover.core.audit.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.StreamEntry;

class RedisAuditLogIT extends AuditLogContract {
    private final String prefix = TestRedis.newPrefix();
    private final RedisClient redis = TestRedis.client();

    @Override
    protected AuditLog newLog() {
        return new RedisAuditLog(redis, prefix);
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteAll(prefix);
    }

    @Test
    void eachEventIsOneStreamEntryWithItsFields() {
        log.append(new AuditEvent(T0, "web", "r1", "applied", "U-ALICE", Map.of("changeId", "C2EX")));
        log.append(new AuditEvent(T0, "web", null, "frozen", null, Map.of()));

        List<StreamEntry> entries = redis.xrange(prefix + "audit:web", "-", "+");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getFields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "at", "2025-03-01T10:15:30Z",
                        "pair", "web",
                        "requestId", "r1",
                        "action", "applied",
                        "userId", "U-ALICE",
                        "detail", "{\"changeId\":\"C2EX\"}"));
        assertThat(entries.get(1).getFields()).doesNotContainKey("requestId").containsEntry("userId", "system");
    }

    @Test
    void theLogLineCarriesTheStreamEntryIdAndRequestIdToCheckItAgainstTheStream() {
        try (LogCapture audit = new LogCapture(AuditLines.LOGGER_NAME)) {
            log.append(event("web", 1));
            log.append(event("web", 2));

            List<StreamEntry> entries = redis.xrange(prefix + "audit:web", "-", "+");
            assertThat(audit.events()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Map<String, Object> line = LogCapture.keyValues(audit.events().get(i));
                assertThat(line.get("streamId"))
                        .isEqualTo(entries.get(i).getID().toString());
                assertThat(line.get("requestId"))
                        .isEqualTo(entries.get(i).getFields().get("requestId"));
            }
        }
    }

    @Test
    void aRedisThatIsDownDoesNotFailAppendAndTheLogLineStillHoldsTheEvent() {
        AuditEvent e = event("web", 1);
        try (RedisClient dead = TestRedis.dead(null);
                LogCapture audit = new LogCapture(AuditLines.LOGGER_NAME);
                LogCapture warnings = new LogCapture(RedisAuditLog.class.getName())) {
            AuditLog down = new RedisAuditLog(dead, prefix);
            down.append(e);

            assertThat(audit.events()).singleElement().satisfies(line -> assertThat(LogCapture.keyValues(line))
                    .containsEntry("requestId", "r1"));
            assertThat(LogCapture.keyValues(audit.events().get(0))).doesNotContainKey("streamId");
            assertThat(warnings.events()).singleElement().satisfies(w -> assertThat(w.getLevel())
                    .isEqualTo(Level.WARN));
            assertThatThrownBy(() -> down.recent("web", 10)).isInstanceOf(StoreUnavailableException.class);
        }
    }
}
