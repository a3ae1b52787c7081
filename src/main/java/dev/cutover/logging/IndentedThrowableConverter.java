package dev.cutover.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %indentedEx}: Logback's stack trace with every line after the first starting with a tab,
 * and control characters other than line feed and tab escaped. A stack trace is the one place a
 * log event spans several lines; an exception message that quotes user text (a line break and a
 * forged entry) then stays inside the indented block and cannot pass for a log line of its own.
 */
public final class IndentedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        String trace = super.throwableProxyToString(tp).replace("\r\n", "\n");
        StringBuilder sb = new StringBuilder(trace.length() + 64);
        for (int i = 0; i < trace.length(); i++) {
            char c = trace.charAt(i);
            if (c == '\n') {
                sb.append(c);
                if (i + 1 < trace.length() && trace.charAt(i + 1) != '\t') {
                    sb.append('\t');
                }
            } else if (c != '\t' && LogText.needsEscape(c)) {
                sb.append(LogText.controls(String.valueOf(c)));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
