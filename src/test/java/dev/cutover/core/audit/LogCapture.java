package dev.cutover.core.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Captures what one Logback logger writes while open. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Starts capturing the logger {@code name}. */
    public LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** The events written so far, oldest first. */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The key-value pairs of {@code event}, in the order they were added. */
    public static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> kv = new LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
        }
        return kv;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
