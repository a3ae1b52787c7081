package dev.cutover.commands;

/**
 * A slash command as typed.
 *
 * @param command the command without the slash
 * @param text everything after the command, trimmed (may be empty)
 * @param userId who typed it
 * @param channelId where
 * @param responder how to answer only that user later (Slack: the command's response_url)
 */
public record Invocation(String command, String text, String userId, String channelId, Responder responder) {
    public Invocation {
        text = text == null ? "" : text.strip();
    }

    /** The words of {@link #text()}; empty for no text. */
    public String[] words() {
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }
}
