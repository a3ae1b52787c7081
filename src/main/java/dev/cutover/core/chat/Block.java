package dev.cutover.core.chat;

import java.util.List;

/** One layout block of a {@link Message}; each maps to one Block Kit block. */
public sealed interface Block {
    /** A large plain-text title (Block Kit {@code header}, at most 150 characters). */
    record Header(String text) implements Block {}

    /** A paragraph of mrkdwn (Block Kit {@code section} with text, at most 3000 characters). */
    record Section(String markdown) implements Block {}

    /** Label/value pairs in two columns (Block Kit {@code section} fields, at most 10). */
    record Fields(List<String> markdown) implements Block {
        public Fields {
            markdown = List.copyOf(markdown);
        }
    }

    /** Small grey text: who, when, ids (Block Kit {@code context}). */
    record Context(String markdown) implements Block {}

    /** Preformatted text such as a change batch (a section with a code block). */
    record Code(String text) implements Block {}

    /** A horizontal rule. */
    record Divider() implements Block {}

    /** A row of buttons (Block Kit {@code actions}, at most 25). */
    record Actions(List<Button> buttons) implements Block {
        public Actions {
            buttons = List.copyOf(buttons);
        }
    }
}
