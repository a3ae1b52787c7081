package dev.cutover.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLines;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One event is one line in the production pattern, whatever its values hold. */
class EscapedLogLinesTest {
    static final String FORGED = "x\n2026-12-04T21:00:00.000Z INFO  [cutover-work-1] cutover.audit - audit approved"
            + " blue-green by U0000000002 \"quoted\" \\ \r\u0085\u2028\u0007 end";
    private final Logger log = LoggerFactory.getLogger(EscapedLogLinesTest.class);

    @Test
    void messageArgumentsAreEscapedAndTheTemplateIsNot() {
        try (FormattedLogCapture capture = new FormattedLogCapture()) {
            log.warn("said \"{}\" twice", FORGED);

            assertThat(capture.text())
                    .endsWith(
                            " - said \"x\\n2026-12-04T21:00:00.000Z INFO  [cutover-work-1] cutover.audit - audit"
                                    + " approved blue-green by U0000000002 \\\"quoted\\\" \\\\ \\r\\u0085\\u2028\\u0007 end\" twice \n")
                    .containsOnlyOnce("\n");
        }
    }

    @Test
    void aMessageWithoutArgumentsHasItsControlCharactersEscaped() {
        try (FormattedLogCapture capture = new FormattedLogCapture()) {
            log.warn(FORGED);

            assertThat(capture.text()).containsOnlyOnce("\n").contains("\"quoted\"");
        }
    }

    @Test
    void auditKeyValuesAreQuotedAndEscaped() {
        AuditEvent e = new AuditEvent(
                Instant.parse("2025-03-01T10:15:30Z"), "web", "r1", "rejected", "U1", Map.of("reason", FORGED));
        try (FormattedLogCapture capture = new FormattedLogCapture()) {
            AuditLines.write(e, "1700000000000-0");

            assertThat(capture.text())
                    .containsOnlyOnce("\n")
                    .contains(" cutover.audit - audit rejected web by U1 at=\"2025-03-01T10:15:30Z\" pair=\"web\""
                            + " requestId=\"r1\" action=\"rejected\" userId=\"U1\" detail.reason=\"x\\n2026")
                    .contains("by U0000000002 \\\"quoted\\\" \\\\ \\r")
                    .endsWith("end\" streamId=\"1700000000000-0\"\n");
        }
    }

    @Test
    void aLongValueIsCut() {
        try (FormattedLogCapture capture = new FormattedLogCapture()) {
            log.info("body {}", "a".repeat(1_000_000));

            assertThat(capture.text()).hasSizeLessThan(LogText.MAX_CHARS + 200).contains("…(+998000 chars)");
        }
    }

    @Test
    void everyStackTraceLineAfterTheFirstIsIndented() {
        try (FormattedLogCapture capture = new FormattedLogCapture()) {
            log.error("failed", new IllegalStateException("bad " + FORGED, new RuntimeException("cause\n" + FORGED)));

            var lines = capture.lines();
            assertThat(lines.get(0)).endsWith(" - failed ");
            assertThat(lines.get(1)).startsWith("java.lang.IllegalStateException: bad x");
            assertThat(lines.subList(2, lines.size() - 1))
                    .allSatisfy(l -> assertThat(l).startsWith("\t"));
            assertThat(lines.get(lines.size() - 1)).isEmpty();
            assertThat(capture.text()).doesNotContain("\r", "\u0085", "\u2028", "\u0007");
        }
    }
}
