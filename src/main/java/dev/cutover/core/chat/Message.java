package dev.cutover.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chat message as data: a plain-text fallback (notifications, screen readers) and layout blocks.
 * Slack renders it as Block Kit, the sandbox console as text; neither knows the other.
 *
 * @param text the fallback text, also the whole message when there are no blocks
 * @param blocks the layout, top to bottom
 */
public record Message(String text, List<Block> blocks) {
    public Message {
        Objects.requireNonNull(text, "text");
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /** A message of one mrkdwn section. */
    public static Message text(String markdown) {
        return new Message(markdown, List.of(new Block.Section(markdown)));
    }

    /** Starts a message with the given fallback text. */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /** Builds a {@link Message} block by block. */
    public static final class Builder {
        private final String text;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(String text) {
            this.text = text;
        }

        public Builder header(String plainText) {
            blocks.add(new Block.Header(plainText));
            return this;
        }

        public Builder section(String markdown) {
            blocks.add(new Block.Section(markdown));
            return this;
        }

        public Builder fields(List<String> markdownFields) {
            blocks.add(new Block.Fields(markdownFields));
            return this;
        }

        public Builder context(String markdown) {
            blocks.add(new Block.Context(markdown));
            return this;
        }

        public Builder code(String preformatted) {
            blocks.add(new Block.Code(preformatted));
            return this;
        }

        public Builder divider() {
            blocks.add(new Block.Divider());
            return this;
        }

        public Builder actions(List<Button> buttons) {
            if (!buttons.isEmpty()) {
                blocks.add(new Block.Actions(buttons));
            }
            return this;
        }

        /**
         * Adds {@code lines} as few sections as fit Slack's limits (lines joined by line breaks,
         * each section at most {@link MessageLimits#SECTION_TEXT} characters, a longer line cut
         * with "…"), using at most {@code maxBlocks} blocks; the lines that do not fit are counted
         * in a last context block, "…and N more — {@code whereToSeeThem}", never dropped silently.
         */
        public Builder lines(List<String> lines, int maxBlocks, String whereToSeeThem) {
            int budget = Math.max(1, maxBlocks);
            StringBuilder section = new StringBuilder();
            int i = 0;
            for (; i < lines.size(); i++) {
                String line = cut(lines.get(i), MessageLimits.SECTION_TEXT);
                if (section.length() > 0 && section.length() + 1 + line.length() > MessageLimits.SECTION_TEXT) {
                    if (budget <= 2) {
                        break; // one block left: for the section in hand, then the "more" note
                    }
                    section(section.toString());
                    budget--;
                    section.setLength(0);
                }
                section.append(section.length() == 0 ? "" : "\n").append(line);
            }
            if (section.length() > 0) {
                section(section.toString());
            }
            if (i < lines.size()) {
                context("…and " + (lines.size() - i) + " more — " + whereToSeeThem);
            }
            return this;
        }

        private static String cut(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 1) + "…";
        }

        /** The blocks added so far. */
        public int size() {
            return blocks.size();
        }

        public Message build() {
            return new Message(text, blocks);
        }
    }
}
