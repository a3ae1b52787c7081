package dev.cutover.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a message in Slack's wire format ({@code text} and Block Kit {@code blocks}, as sent to
 * {@code chat.postMessage} or a response_url) back into reply data: the inverse of
 * {@link BlockKitRenderer}, for a Slack client such as the sandbox console. A section whose text is
 * a {@code ```} code block becomes {@link Block.Code}; a block type the renderer never produces
 * becomes a section naming it ({@code [input block]}).
 *
 * @see <a href="https://api.slack.com/reference/block-kit/blocks">Block Kit blocks</a>
 */
public final class BlockKitReader {
    private static final String FENCE = "```";

    private BlockKitReader() {}

    /** The reply data of {@code message}, a JSON object with {@code text} and {@code blocks} (both optional). */
    public static Message read(JsonNode message) {
        List<Block> blocks = new ArrayList<>();
        for (JsonNode b : message.path("blocks")) {
            block(b, blocks);
        }
        return new Message(message.path("text").asText(), blocks);
    }

    private static void block(JsonNode b, List<Block> out) {
        switch (b.path("type").asText()) {
            case "header" -> out.add(
                    new Block.Header(b.path("text").path("text").asText()));
            case "section" -> section(b, out);
            case "context" -> b.path("elements")
                    .forEach(e -> out.add(new Block.Context(e.path("text").asText())));
            case "divider" -> out.add(new Block.Divider());
            case "actions" -> out.add(new Block.Actions(buttons(b)));
            default -> out.add(new Block.Section("[" + b.path("type").asText() + " block]"));
        }
    }

    private static void section(JsonNode b, List<Block> out) {
        if (b.has("text")) {
            String text = b.path("text").path("text").asText();
            if (text.startsWith(FENCE)) {
                // BlockKitRenderer writes code as ```text```, cut with … when over the limit.
                String code = text.substring(FENCE.length());
                out.add(new Block.Code(
                        code.endsWith(FENCE) ? code.substring(0, code.length() - FENCE.length()) : code));
            } else {
                out.add(new Block.Section(text));
            }
        }
        if (b.has("fields")) {
            List<String> fields = new ArrayList<>();
            b.path("fields").forEach(f -> fields.add(f.path("text").asText()));
            out.add(new Block.Fields(fields));
        }
    }

    private static List<Button> buttons(JsonNode actions) {
        List<Button> buttons = new ArrayList<>();
        for (JsonNode e : actions.path("elements")) {
            JsonNode c = e.path("confirm");
            buttons.add(new Button(
                    e.path("text").path("text").asText(),
                    e.path("action_id").asText(),
                    e.path("value").asText(),
                    style(e.path("style").asText()),
                    c.isMissingNode()
                            ? null
                            : new Button.Confirm(
                                    c.path("title").path("text").asText(),
                                    c.path("text").path("text").asText(),
                                    c.path("confirm").path("text").asText(),
                                    c.path("deny").path("text").asText())));
        }
        return buttons;
    }

    private static Button.Style style(String style) {
        return switch (style) {
            case "primary" -> Button.Style.PRIMARY;
            case "danger" -> Button.Style.DANGER;
            default -> Button.Style.DEFAULT;
        };
    }
}
