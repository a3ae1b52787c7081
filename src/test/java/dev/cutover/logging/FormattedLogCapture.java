package dev.cutover.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * Captures everything every logger writes while open, formatted as {@code logback.xml} formats it
 * for production: the text pattern ({@code new FormattedLogCapture()}) or the JSON encoder ({@link
 * #json()}). The bytes an operator's log store would receive.
 */
public final class FormattedLogCapture implements AutoCloseable {
    // Trailing tokens fail: two objects on one line are not one event.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    /** Starts capturing in the text format. */
    public FormattedLogCapture() {
        this(textEncoder());
    }

    private FormattedLogCapture(Encoder<ILoggingEvent> encoder) {
        LoggerContext context = root.getLoggerContext();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.setImmediateFlush(true);
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing in the JSON format ({@code CUTOVER_LOG_FORMAT=json}). */
    public static FormattedLogCapture json() {
        return new FormattedLogCapture(encoder("json"));
    }

    private static Encoder<ILoggingEvent> textEncoder() {
        return encoder("text");
    }

    /** The production encoder of {@code logback.xml} in {@code format}. */
    private static Encoder<ILoggingEvent> encoder(String format) {
        String type = productionSetting("/configuration/appender[@name='STDOUT']/encoder/@class");
        if (!type.equals(LogFormatEncoder.class.getName())) {
            throw new IllegalStateException("logback.xml's encoder is " + type);
        }
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setPattern(productionPattern());
        encoder.setFormat(format);
        return encoder;
    }

    /** The {@code STDOUT} appender's pattern in {@code logback.xml}. */
    public static String productionPattern() {
        return productionSetting("/configuration/appender[@name='STDOUT']/encoder/pattern");
    }

    private static String productionSetting(String xpath) {
        try (InputStream in = FormattedLogCapture.class.getResourceAsStream("/logback.xml")) {
            Document doc =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            return XPathFactory.newInstance().newXPath().evaluate(xpath, doc).strip();
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

    /**
     * Every line of JSON output parsed; the output must end with a line break.
     *
     * @throws AssertionError naming the first line that is not one JSON object
     */
    public List<JsonNode> jsonLines() {
        List<String> lines = lines();
        if (!lines.get(lines.size() - 1).isEmpty()) {
            throw new AssertionError("the last line is not complete: " + lines.get(lines.size() - 1));
        }
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject()) {
                    throw new AssertionError("not a JSON object: " + line);
                }
                out.add(node);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return out;
    }

    /** A JSON line's key-value pairs ({@code kvpList}: one single-key object each) as one map, in order. */
    public static Map<String, String> keyValues(JsonNode line) {
        Map<String, String> kv = new LinkedHashMap<>();
        line.path("kvpList").forEach(o -> o.fields()
                .forEachRemaining(f -> kv.put(f.getKey(), f.getValue().asText())));
        return kv;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
