package dev.cutover.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code CUTOVER_LOG_FORMAT} picks the format of the one appender; anything but json is text. */
class LogFormatEncoderTest {
    final LoggerContext context = new LoggerContext();

    LogFormatEncoderTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    String encoded(String format) {
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.setFormat(format);
        encoder.start();
        LoggingEvent e = new LoggingEvent(
                getClass().getName(), context.getLogger("x"), Level.INFO, "hello {}", null, new Object[] {"there"});
        return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void jsonWritesOneJsonObjectPerLine() {
        assertThat(encoded("json")).startsWith("{").endsWith("}\n").contains("\"formattedMessage\":\"hello there\"");
        assertThat(encoded(" JSON\n")).startsWith("{");
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.WARN);
    }

    @Test
    void textIsTheDefault() {
        assertThat(encoded(null)).isEqualTo("INFO hello there\n");
        assertThat(encoded("")).isEqualTo("INFO hello there\n");
        assertThat(encoded("text")).isEqualTo("INFO hello there\n");
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.WARN);
    }

    @Test
    void anUnknownFormatIsTextWithAWarning() {
        assertThat(encoded("yaml")).isEqualTo("INFO hello there\n");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(s -> s.getLevel() == Status.WARN && s.getMessage().contains("CUTOVER_LOG_FORMAT"));
    }
}
