package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.util.json.GsonFactory;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockKitReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message as it goes over the wire: Block Kit serialised the way the Slack SDK sends it. */
    private static ObjectNode wire(Message m) throws Exception {
        ObjectNode node = JSON.createObjectNode().put("text", m.text());
        node.set("blocks", JSON.readTree(GsonFactory.createSnakeCase().toJson(BlockKitRenderer.render(m))));
        return node;
    }

    @Test
    void readsBackWhatTheRendererWrote() throws Exception {
        Message m = Message.builder("Swap blue-green: pending")
                .header("⏳ Swap blue-green")
                .section("*blue.example.com.*: A → B")
                .fields(List.of("*Requested by*\n<@U1>", "*State*\npending"))
                .context("request `r1`")
                .divider()
                .code("{\n  \"Comment\": \"swap\"\n}")
                .actions(List.of(
                        new Button(
                                "Approve",
                                "swap.approve",
                                "r1",
                                Button.Style.PRIMARY,
                                new Button.Confirm("Approve the swap?", "It applies now.", "Approve", "Not yet")),
                        new Button("Reject", "swap.reject", "r1", Button.Style.DANGER, null),
                        new Button("Cancel", "swap.cancel", "r1", Button.Style.DEFAULT, null)))
                .build();

        assertThat(BlockKitReader.read(wire(m))).isEqualTo(m);
    }

    @Test
    void aBlockTheRendererNeverWritesIsNamed() throws Exception {
        ObjectNode message =
                (ObjectNode) JSON.readTree("{\"text\":\"t\",\"blocks\":[{\"type\":\"input\",\"block_id\":\"b\"}]}");

        assertThat(BlockKitReader.read(message).blocks()).containsExactly(new Block.Section("[input block]"));
    }

    @Test
    void aMessageWithoutBlocksKeepsItsText() throws Exception {
        assertThat(BlockKitReader.read(JSON.readTree("{\"text\":\"hello\"}")))
                .isEqualTo(new Message("hello", List.of()));
    }
}
