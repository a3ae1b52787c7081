package dev.cutover.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Message} into Block Kit blocks, within Block Kit's limits ({@link MessageLimits}:
 * 50 blocks, header 150 characters, section text 3000, 10 fields of 2000, button text 75). Replies
 * are built within them; one that is not is a bug: with assertions on (tests) rendering it fails,
 * in production it is logged and cut at a word, ending with "…and more" where text was cut and a
 * count of the blocks left out.
 *
 * @see <a href="https://api.slack.com/reference/block-kit/blocks">Block Kit blocks</a>
 */
public final class BlockKitRenderer {
    private static final Logger log = LoggerFactory.getLogger(BlockKitRenderer.class);

    private BlockKitRenderer() {}

    /**
     * The blocks of {@code message}, top to bottom.
     *
     * @throws AssertionError with assertions enabled, when {@code message} breaks a limit
     */
    public static List<LayoutBlock> render(Message message) {
        return render(message, MessageLimits.BLOCKS);
    }

    /**
     * The blocks of {@code message} as a view (a Home tab or a modal: {@link
     * MessageLimits#VIEW_BLOCKS} blocks).
     *
     * @throws AssertionError with assertions enabled, when {@code message} breaks a limit
     */
    public static List<LayoutBlock> renderView(Message message) {
        return render(message, MessageLimits.VIEW_BLOCKS);
    }

    private static List<LayoutBlock> render(Message message, int maxBlocks) {
        List<String> over = MessageLimits.violations(message, maxBlocks);
        if (!over.isEmpty()) {
            log.warn("a reply breaks Slack's limits and is cut: {}", over);
            assert false : "a reply breaks Slack's limits: " + over;
        }
        List<Block> blocks = message.blocks();
        List<LayoutBlock> out = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (i == maxBlocks - 1 && blocks.size() > maxBlocks) {
                out.add(context(List.of(markdownText("…and " + (blocks.size() - i) + " more blocks not shown"))));
                break;
            }
            out.add(block(blocks.get(i)));
        }
        return out;
    }

    /** {@code message}'s top-level text, within {@link MessageLimits#TEXT}. */
    public static String text(Message message) {
        return cut(message.text(), MessageLimits.TEXT);
    }

    private static LayoutBlock block(Block b) {
        if (b instanceof Block.Header h) {
            return header(x -> x.text(plainText(cut(h.text(), 150))));
        }
        if (b instanceof Block.Section s) {
            return section(x -> x.text(markdownText(fit(s.markdown(), MessageLimits.SECTION_TEXT))));
        }
        if (b instanceof Block.Fields f) {
            List<TextObject> fields = new ArrayList<>();
            f.markdown().stream().limit(10).forEach(t -> fields.add(markdownText(fit(t, MessageLimits.FIELD_TEXT))));
            return section(x -> x.fields(fields));
        }
        if (b instanceof Block.Context c) {
            return context(List.of(markdownText(fit(c.markdown(), MessageLimits.SECTION_TEXT))));
        }
        if (b instanceof Block.Code c) {
            return section(x -> x.text(markdownText("```" + fit(c.text(), MessageLimits.SECTION_TEXT - 6) + "```")));
        }
        if (b instanceof Block.Actions a) {
            List<BlockElement> buttons = new ArrayList<>();
            a.buttons().forEach(btn -> buttons.add(button(btn)));
            return actions(buttons);
        }
        return divider();
    }

    private static ButtonElement button(Button b) {
        ButtonElement.ButtonElementBuilder e = ButtonElement.builder()
                .text(plainText(cut(b.label(), 75)))
                .actionId(b.actionId())
                .value(b.value());
        if (b.style() != Button.Style.DEFAULT) {
            e.style(b.style().name().toLowerCase());
        }
        if (b.confirm() != null) {
            Button.Confirm c = b.confirm();
            e.confirm(ConfirmationDialogObject.builder()
                    .title(plainText(cut(c.title(), 100)))
                    .text(plainText(cut(c.text(), 300)))
                    .confirm(plainText(cut(c.confirm(), 30)))
                    .deny(plainText(cut(c.deny(), 30)))
                    .style(b.style() == Button.Style.DANGER ? "danger" : "primary")
                    .build());
        }
        return e.build();
    }

    /** What ends a text {@link #fit} had to cut, so the reader sees that something is missing. */
    static final String CUT = " …and more (too long for one Slack message)";

    /**
     * {@code text} within {@code max} characters: whole when it fits, else cut at its last line
     * break or space before the limit (not mid-word) and ended with {@link #CUT}.
     */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int room = max - CUT.length();
        int at = Math.max(text.lastIndexOf('\n', room), text.lastIndexOf(' ', room));
        // One word longer than a third of the room is cut inside the word rather than dropping most.
        int end = at >= room * 2 / 3 ? at : room;
        return text.substring(0, end).stripTrailing() + CUT;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
