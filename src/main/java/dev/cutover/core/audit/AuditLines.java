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
 * {@code detail.<key>} per detail entry) so Logback's {@code %kvp} or a JSON encoder shows them.
 */
public final class AuditLines {
    /** The logger audit lines go to; route it to the audit sink in the Logback configuration. */
    public static final String LOGGER_NAME = "cutover.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AuditLines() {}

    /** Writes {@code event} as one log line. */
    public static void write(AuditEvent event) {
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
        line.log("audit {} {} by {}", event.action(), event.pair(), event.userId());
    }
}
