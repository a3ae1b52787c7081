package dev.cutover.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %escapedKvp}: the event's key-value pairs as {@code key="value"}, space separated, like
 * Logback's {@code %kvp}, with each value escaped by {@link LogText#value} so a quote or a line
 * break inside a value cannot end the field or the line.
 */
public final class EscapedKeyValueConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (KeyValuePair p : pairs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(LogText.controls(String.valueOf(p.key)))
                    .append("=\"")
                    .append(LogText.value(p.value))
                    .append('"');
        }
        return sb.toString();
    }
}
