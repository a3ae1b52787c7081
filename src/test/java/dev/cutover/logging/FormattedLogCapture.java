package dev.cutover.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * Captures everything every logger writes while open, formatted with the production pattern read
 * from {@code logback.xml}: the bytes an operator's log store would receive.
 */
public final class FormattedLogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    /** Starts capturing. */
    public FormattedLogCapture() {
        LoggerContext context = root.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(productionPattern());
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.setImmediateFlush(true);
        appender.start();
        root.addAppender(appender);
    }

    /** The {@code STDOUT} appender's pattern in {@code logback.xml}. */
    public static String productionPattern() {
        try (InputStream in = FormattedLogCapture.class.getResourceAsStream("/logback.xml")) {
            Document doc =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            return XPathFactory.newInstance()
                    .newXPath()
                    .evaluate("/configuration/appender[@name='STDOUT']/encoder/pattern", doc)
                    .strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read logback.xml", e);
        }
    }

    /** Everything written so far. */
    public synchronized String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The output split into physical lines. */
    public List<String> lines() {
        return Arrays.asList(text().split("\n", -1));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
