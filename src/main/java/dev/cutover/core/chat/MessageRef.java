package dev.cutover.core.chat;

import java.util.Objects;

/**
 * Where a posted message is: its channel and timestamp id, which is what chat.update needs.
 *
 * @param channel the channel ID
 * @param ts the message's {@code ts}
 */
public record MessageRef(String channel, String ts) {
    public MessageRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }

    /**
     * The archives link of the message ({@code https://slack.com/archives/C…/p<ts without the dot>}):
     * Slack opens it in the workspace of whoever clicks, with no Web API call (chat.getPermalink
     * would cost one per link shown).
     */
    public String archivesUrl() {
        return "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
    }
}
