package dev.cutover.memory;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLines;
import dev.cutover.core.audit.AuditLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit log in memory, newest events kept up to {@value #MAX_PER_PAIR} per pair like the Redis
 * stream; each event is also written as a log line first. Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {
    /** The most events kept per pair; older ones are dropped (the log lines remain). */
    public static final int MAX_PER_PAIR = 10_000;

    private final Map<String, Deque<AuditEvent>> byPair = new HashMap<>();

    @Override
    public void append(AuditEvent event) {
        AuditLines.write(event);
        synchronized (byPair) {
            Deque<AuditEvent> events = byPair.computeIfAbsent(event.pair(), p -> new ArrayDeque<>());
            events.addFirst(event);
            if (events.size() > MAX_PER_PAIR) {
                events.removeLast();
            }
        }
    }

    @Override
    public List<AuditEvent> recent(String pair, int limit) {
        synchronized (byPair) {
            Deque<AuditEvent> events = byPair.getOrDefault(pair, new ArrayDeque<>());
            return events.stream().limit(Math.max(0, limit)).toList();
        }
    }
}
