package dev.cutover.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Logback's own {@link JsonEncoder}, set up for log stores: one JSON object per line with {@code
 * timestamp} (epoch milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code mdc}
 * (the {@link dev.cutover.core.audit.LogContext} fields: request id, pair, Slack user, change id,
 * job, fire identity, fencing token), {@code kvpList} (the audit trail's fields), {@code
 * formattedMessage}, {@code throwable} (a structured stack trace) and {@code time} (ISO-8601 UTC).
 *
 * <p>JSON escaping keeps every value inside its string, so user text cannot start a line or a field
 * of its own; on top of it, as in the text format ({@link LogText}), each message argument, key-value
 * and MDC value is cut to {@link LogText#MAX_CHARS} characters, and DEL, C1 controls and the Unicode
 * line and paragraph separators are written as {@code \}{@code uXXXX} escapes (valid JSON either way;
 * some viewers break lines at them). The message template and raw arguments are left out: the
 * formatted message has both.
 */
public final class JsonLineEncoder extends JsonEncoder {
    /** The encoder with this project's choice of fields. */
    public JsonLineEncoder() {
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMarkers(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(true);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String json = new String(super.encode(new BoundedEvent(event)), StandardCharsets.UTF_8);
        return escapeLineBreakers(json).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        sb.append(",\"time\":\"")
                .append(Instant.ofEpochMilli(event.getTimeStamp()))
                .append('"');
    }

    /**
     * {@code json} with the characters JSON allows raw but {@link LogText} escapes written as escapes;
     * they can only occur inside strings, where the escape means the same character.
     */
    static String escapeLineBreakers(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean escape = c >= 0x7f && LogText.needsEscape(c);
            if (escape && sb == null) {
                sb = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (sb != null) {
                sb.append(escape ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb == null ? json : sb.toString();
    }
}
