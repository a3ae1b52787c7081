package dev.cutover.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %escapedMsg}: the formatted message with every argument escaped by {@link
 * LogText#value} and the template's own control characters by {@link LogText#controls}. Use it in
 * place of {@code %msg}: the arguments are where user text arrives.
 */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0) {
            return LogText.controls(event.getFormattedMessage());
        }
        Object[] escaped = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            escaped[i] = LogText.value(args[i]);
        }
        return LogText.controls(MessageFormatter.basicArrayFormat(event.getMessage(), escaped));
    }
}
