package dev.cutover.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.chat.text.PlainTextRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleScreenTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleScreen screen =
            new ConsoleScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8), new PlainTextRenderer(Map.of()));

    private static ObjectNode message(String... labels) throws Exception {
        StringBuilder elements = new StringBuilder();
        for (String l : labels) {
            elements.append(elements.length() > 0 ? "," : "")
                    .append("{\"type\":\"button\",\"action_id\":\"a.")
                    .append(l.replace(' ', '-'))
                    .append("\",\"value\":\"v\",\"text\":{\"type\":\"plain_text\",\"text\":\"")
                    .append(l)
                    .append("\"}}");
        }
        return (ObjectNode) new ObjectMapper()
                .readTree("{\"text\":\"t\",\"blocks\":[{\"type\":\"actions\",\"elements\":[" + elements + "]}]}");
    }

    @Test
    void aLabelOfSeveralWordsIsMatchedAndTheRestIsTheReason() throws Exception {
        screen.posted("C1", "1.1", null, message("Roll back", "Reject"));
        assertThat(screen.button("roll back")).get().satisfies(e -> {
            assertThat(e.getKey().label()).isEqualTo("Roll back");
            assertThat(e.getValue()).isEmpty();
        });
        assertThat(screen.button("Reject canary failing")).get().satisfies(e -> {
            assertThat(e.getKey().label()).isEqualTo("Reject");
            assertThat(e.getValue()).isEqualTo("canary failing");
        });
        assertThat(screen.button("2 not ready")).get().satisfies(e -> assertThat(e.getValue())
                .isEqualTo("not ready"));
        assertThat(screen.button("rollback")).isEmpty();
    }

    @Test
    void anUpdateThatChangesNothingVisibleIsNotPrintedAgainAndKeepsTheNumbers() throws Exception {
        screen.posted("C1", "1.1", null, message("Approve"));
        screen.updated("C1", "1.1", message("Approve"));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("message updated");
        assertThat(screen.button("1")).isPresent();
        screen.updated("C1", "1.1", message("Approve", "Cancel"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("message updated", "[2 Approve]  [3 Cancel]");
        assertThat(screen.button("1")).isEmpty();
    }
}
