package dev.cutover.core.audit;

import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes audit events as structured log lines, the copy of the trail that outlives the store.
 *
 * <p>One INFO line per event on the logger {@value #LOGGER_NAME}, with the fields as SLF4J key-value
 * pairs ({@code at}, {@code pair}, {@code requestId} when set, {@code action}, {@code userId}, and
 * {@code detail.<key>} per detail entry, then {@code streamId} when the store gave the entry one) so
 * Logback's key-value converter or a JSON encoder shows them. Values are escaped by the log
 * pattern, not here: a reason with a line break stays inside its quoted field.
 *
 * <p>The store is the authoritative trail; the line is the copy that survives the store's data loss.
 * {@code streamId} and {@code requestId} let a line be checked against the store's entry.
 */
public final class AuditLines {
    /** The logger audit lines go to; route it to the audit sink in the Logback configuration. */
    public static final String LOGGER_NAME = "cutover.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AuditLines() {}

    /** Writes {@code event} as one log line, for a store whose entries have no id of their own. */
    public static void write(AuditEvent event) {
        write(event, null);
    }

    /**
     * Writes {@code event} as one log line.
     *
     * @param streamId the id the store gave the entry (a Redis stream entry id such as {@code
     *     1700000000000-0}), or null when it was not stored
     */
    public static void write(AuditEvent event, String streamId) {
        LoggingEventBuilder line =
                LOG.atInfo().addKeyValue("at", event.at().toString()).addKeyValue("pair", event.pair());
        if (event.requestId() != null) {
            line = line.addKeyValue("requestId", event.requestId());
        }
        line = line.addKeyValue("action", event.action()).addKeyValue("userId", event.userId());
        // Sorted, so the same event always reads the same way in the log.
        for (var d : new TreeMap<>(event.detail()).entrySet()) {
            line = line.addKeyValue("detail." + d.getKey(), d.getValue());
        }
        if (streamId != null) {
            line = line.addKeyValue("streamId", streamId);
        }
        // The line names its request and pair in the log context too, like every other line of the
        // request's work (the request line itself is written before the request id is known there).
        try (LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, event.requestId());
                LogContext.Scope pair = LogContext.with(LogContext.PAIR, event.pair())) {
            line.log("audit {} {} by {}", event.action(), event.pair(), event.userId());
        }
    }
}
