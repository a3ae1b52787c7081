package dev.cutover.logging;

import static dev.cutover.logging.EscapedLogLinesTest.FORGED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLines;
import dev.cutover.core.audit.LogContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON format ({@code CUTOVER_LOG_FORMAT=json}): one object per line, whatever the values hold. */
class JsonLogLinesTest {
    private final Logger log = LoggerFactory.getLogger(JsonLogLinesTest.class);

    @Test
    void aForgedLineInAnArgumentStaysInsideTheMessageString() {
        try (FormattedLogCapture capture = FormattedLogCapture.json()) {
            log.warn("said \"{}\" twice", FORGED);

            List<JsonNode> lines = capture.jsonLines();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("loggerName").asText()).isEqualTo(JsonLogLinesTest.class.getName());
            assertThat(line.path("formattedMessage").asText()).isEqualTo("said \"" + FORGED + "\" twice");
            assertThat(line.path("timestamp").isNumber()).isTrue();
            assertThat(Instant.parse(line.path("time").asText()).toEpochMilli())
                    .isEqualTo(line.path("timestamp").asLong());
            // Raw, these would end the line for some readers: written as escapes instead.
            assertThat(capture.text())
                    .containsOnlyOnce("\n")
                    .doesNotContain("\r", "\u0085", "\u2028", "\u0007")
                    .contains("\\u2028", "\\u0085");
        }
    }

    @Test
    void auditLinesKeepTheirFieldsAndTheLogContextNamesTheRequest() {
        AuditEvent e = new AuditEvent(
                Instant.parse("2025-03-01T10:15:30Z"), "web", "r1", "rejected", "U1", Map.of("reason", FORGED));
        try (FormattedLogCapture capture = FormattedLogCapture.json();
                LogContext.Scope user = LogContext.with(LogContext.SLACK_USER, "U1")) {
            AuditLines.write(e, "1700000000000-0");

            List<JsonNode> lines = capture.jsonLines();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.path("loggerName").asText()).isEqualTo(AuditLines.LOGGER_NAME);
            assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("r1");
            assertThat(line.path("mdc").path("pair").asText()).isEqualTo("web");
            assertThat(line.path("mdc").path("slackUser").asText()).isEqualTo("U1");
            assertThat(FormattedLogCapture.keyValues(line))
                    .containsEntry("requestId", "r1")
                    .containsEntry("action", "rejected")
                    .containsEntry("detail.reason", FORGED)
                    .containsEntry("streamId", "1700000000000-0");
        }
    }

    @Test
    void everyLogContextFieldIsWrittenUnderMdc() {
        try (FormattedLogCapture capture = FormattedLogCapture.json();
                LogContext.Scope a = LogContext.with(LogContext.REQUEST_ID, "r2");
                LogContext.Scope b = LogContext.with(LogContext.CHANGE_ID, "C1");
                LogContext.Scope c = LogContext.with(LogContext.JOB, "nightly");
                LogContext.Scope d = LogContext.with(LogContext.FIRE_ID, "nightly-20260308T070000Z");
                LogContext.Scope f = LogContext.with(LogContext.FENCING_TOKEN, 42L)) {
            log.info("step");

            JsonNode mdc = capture.jsonLines().get(0).path("mdc");
            assertThat(mdc.path("requestId").asText()).isEqualTo("r2");
            assertThat(mdc.path("changeId").asText()).isEqualTo("C1");
            assertThat(mdc.path("job").asText()).isEqualTo("nightly");
            assertThat(mdc.path("fireId").asText()).isEqualTo("nightly-20260308T070000Z");
            assertThat(mdc.path("fencingToken").asText()).isEqualTo("42");
        }
    }

    @Test
    void longValuesAreCutInMessagesKeyValuesAndTheLogContext() {
        String huge = "a".repeat(1_000_000);
        try (FormattedLogCapture capture = FormattedLogCapture.json();
                LogContext.Scope s = LogContext.with(LogContext.PAIR, huge)) {
            log.atInfo().addKeyValue("k", huge).log("body {}", huge);

            assertThat(capture.text()).hasSizeLessThan(4 * LogText.MAX_CHARS + 400);
            JsonNode line = capture.jsonLines().get(0);
            assertThat(line.path("formattedMessage").asText()).endsWith("…(+998000 chars)");
            assertThat(line.path("mdc").path("pair").asText()).endsWith("…(+998000 chars)");
            assertThat(FormattedLogCapture.keyValues(line).get("k")).endsWith("…(+998000 chars)");
        }
    }

    @Test
    void aStackTraceIsPartOfTheSameObject() {
        try (FormattedLogCapture capture = FormattedLogCapture.json()) {
            log.error("failed", new IllegalStateException("bad " + FORGED, new RuntimeException("cause\n" + FORGED)));

            List<JsonNode> lines = capture.jsonLines();
            assertThat(lines).hasSize(1);
            JsonNode t = lines.get(0).path("throwable");
            assertThat(t.path("className").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(t.path("message").asText()).isEqualTo("bad " + FORGED);
            assertThat(t.path("cause").path("message").asText()).isEqualTo("cause\n" + FORGED);
        }
    }

    /** The README's sample line has the fields the encoder writes, and names its request and change. */
    @Test
    void theReadmesSampleLineHasTheEncodersFields() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int start = readme.indexOf("```json\n", readme.indexOf("CUTOVER_LOG_FORMAT=json"));
        String sample =
                readme.substring(start + 8, readme.indexOf("\n", start + 8)).strip();
        JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sample);
        try (FormattedLogCapture capture = FormattedLogCapture.json();
                LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, "r1")) {
            log.atInfo().addKeyValue("action", "done").log("audit done");
            List<String> expected = new java.util.ArrayList<>();
            capture.jsonLines().get(0).fieldNames().forEachRemaining(expected::add);
            List<String> actual = new java.util.ArrayList<>();
            line.fieldNames().forEachRemaining(actual::add);
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(line.path("mdc").path("requestId").asText()).isNotEmpty();
        assertThat(line.path("mdc").path("changeId").asText()).isNotEmpty();
    }
}
