package dev.cutover.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.audit.AuditLogContract;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }

    @Test
    void keepsOnlyTheNewestEventsOfAPair() {
        for (int n = 0; n <= InMemoryAuditLog.MAX_PER_PAIR; n++) {
            log.append(event("web", n));
        }
        assertThat(log.recent("web", Integer.MAX_VALUE))
                .hasSize(InMemoryAuditLog.MAX_PER_PAIR)
                .startsWith(event("web", InMemoryAuditLog.MAX_PER_PAIR))
                .endsWith(event("web", 1));
    }
}
