package dev.cutover.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The encoder of {@code logback.xml}'s one appender, in the format {@code CUTOVER_LOG_FORMAT}
 * chooses: {@code json} writes one JSON object per line ({@link JsonLineEncoder}); unset, empty or
 * {@code text} writes the {@code pattern} (the escaped one-line text, for people). Any other value
 * is text, with a warning in Logback's status output, so a typo never silences the log.
 *
 * <p>One appender whose encoder chooses, rather than one appender per format picked by name:
 * Logback warns about an appender nothing references, and a warning makes it print its whole
 * configuration status to standard output, which is not JSON.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {
    /** The environment variable that chooses the format. */
    public static final String VARIABLE = "CUTOVER_LOG_FORMAT";

    private String pattern;
    private String format = System.getenv(VARIABLE);
    private Encoder<ILoggingEvent> delegate;

    /** The text format's pattern (Logback's {@code PatternLayout} syntax). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** {@code text} or {@code json}; the default is {@code CUTOVER_LOG_FORMAT}'s value. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** Whether {@code value} (of {@code CUTOVER_LOG_FORMAT}) asks for JSON. */
    static boolean json(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("json");
    }

    @Override
    public void start() {
        if (json(format)) {
            delegate = new JsonLineEncoder();
        } else {
            if (format != null && !format.isBlank() && !format.strip().equalsIgnoreCase("text")) {
                addWarn(VARIABLE + " must be text or json; writing text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
