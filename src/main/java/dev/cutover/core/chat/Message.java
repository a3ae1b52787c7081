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

        public Message build() {
            return new Message(text, blocks);
        }
    }
}
