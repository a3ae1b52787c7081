package dev.cutover.chat.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import java.util.Optional;

/**
 * The fields the bot's handlers need from a signed request, checked before Bolt routes it: Slack
 * always sends them, so a request without one is malformed (answered 400), not a reason for a
 * handler to fail half-way.
 *
 * @see <a href="https://api.slack.com/interactivity/slash-commands#app_command_handling">Slash command payload</a>
 * @see <a href="https://api.slack.com/reference/interaction-payloads/block-actions">block_actions payload</a>
 */
final class RequiredFields {
    private RequiredFields() {}

    /**
     * The first required field {@code request} (parsed from the form or JSON {@code rawBody}) lacks,
     * e.g. {@code user_id}; empty when complete. Empty counts as missing, except a command's text,
     * which is empty for a bare {@code /swap}.
     */
    static Optional<String> missing(Request<?> request, String rawBody) {
        if (request instanceof SlashCommandRequest c) {
            SlashCommandPayload p = c.getPayload();
            if (p == null) {
                return Optional.of("payload");
            }
            return blank(p.getUserId())
                    ? Optional.of("user_id")
                    : blank(p.getChannelId())
                            ? Optional.of("channel_id")
                            : hasField(rawBody, "text") ? Optional.empty() : Optional.of("text");
        }
        if (request instanceof BlockActionRequest a) {
            BlockActionPayload p = a.getPayload();
            if (p == null) {
                return Optional.of("payload");
            }
            if (p.getUser() == null || blank(p.getUser().getId())) {
                return Optional.of("user.id");
            }
            if (p.getActions() == null
                    || p.getActions().isEmpty()
                    || p.getActions().get(0) == null) {
                return Optional.of("actions");
            }
            return p.getActions().get(0).getValue() == null ? Optional.of("actions[0].value") : Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether the form {@code body} has field {@code name}, even empty (the SDK reads {@code text=} as null). */
    private static boolean hasField(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
