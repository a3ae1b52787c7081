package dev.cutover.core.audit;

import java.util.List;

/**
 * The append-only audit trail of requests, decisions and applies. Implementations also write each
 * event as one structured log line, so the trail survives in the log store even if the store
 * loses its data.
 */
public interface AuditLog {
    /** Appends {@code event}; a store failure is logged, never thrown, since the log line is written first. */
    void append(AuditEvent event);

    /**
     * The newest events of {@code pair}, newest first.
     *
     * @param limit at most this many
     */
    List<AuditEvent> recent(String pair, int limit);
}
