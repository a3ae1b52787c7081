package dev.cutover.core.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Slack's documented limits on one message, checked on the reply data before any adapter renders
 * it: replies are built to stay within them (long lists split over sections and pages), and the
 * Block Kit renderer refuses, in tests, a message that does not.
 *
 * @see <a href="https://api.slack.com/reference/block-kit/blocks">Block Kit blocks</a>
 * @see <a href="https://api.slack.com/methods/chat.postMessage#text_usage">chat.postMessage text</a>
 */
public final class MessageLimits {
    /** Blocks per message. */
    public static final int BLOCKS = 50;
    /** Blocks per view: a Home tab or a modal (a message allows {@link #BLOCKS}). */
    public static final int VIEW_BLOCKS = 100;
    /** Characters of a section's text (also a context's and a code block's, with its fence). */
    public static final int SECTION_TEXT = 3_000;
    /** Fields per section, and characters per field. */
    public static final int FIELDS = 10;

    public static final int FIELD_TEXT = 2_000;
    /** Characters of a header. */
    public static final int HEADER_TEXT = 150;
    /** Characters of a button's label, and buttons per actions block. */
    public static final int BUTTON_TEXT = 75;

    public static final int BUTTONS = 25;
    /** Characters of the message's top-level text. */
    public static final int TEXT = 40_000;

    private MessageLimits() {}

    /** Every limit {@code m} breaks as a message, in words (empty when it is within all of them). */
    public static List<String> violations(Message m) {
        return violations(m, BLOCKS);
    }

    /** Every limit {@code m} breaks on a surface of {@code maxBlocks} blocks, in words. */
    public static List<String> violations(Message m, int maxBlocks) {
        List<String> out = new ArrayList<>();
        check(out, "text", m.text().length(), TEXT);
        check(out, "blocks", m.blocks().size(), maxBlocks);
        for (int i = 0; i < m.blocks().size(); i++) {
            String at = "block " + i;
            Block b = m.blocks().get(i);
            if (b instanceof Block.Header h) {
                check(out, at + " header", h.text().length(), HEADER_TEXT);
            } else if (b instanceof Block.Section s) {
                check(out, at + " section", s.markdown().length(), SECTION_TEXT);
            } else if (b instanceof Block.Context c) {
                check(out, at + " context", c.markdown().length(), SECTION_TEXT);
            } else if (b instanceof Block.Code c) {
                check(out, at + " code", c.text().length() + 6, SECTION_TEXT);
            } else if (b instanceof Block.Fields f) {
                check(out, at + " fields", f.markdown().size(), FIELDS);
                f.markdown().forEach(t -> check(out, at + " field", t.length(), FIELD_TEXT));
            } else if (b instanceof Block.Actions a) {
                check(out, at + " buttons", a.buttons().size(), BUTTONS);
                a.buttons().forEach(x -> check(out, at + " button", x.label().length(), BUTTON_TEXT));
            }
        }
        return out;
    }

    private static void check(List<String> out, String what, int size, int max) {
        if (size > max) {
            out.add(what + ": " + size + " > " + max);
        }
    }
}
