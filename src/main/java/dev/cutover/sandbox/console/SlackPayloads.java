package dev.cutover.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.chat.Button;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Forges the request bodies of the sandbox's Slack client exactly as Slack sends them: slash commands as form bodies, clicks and
 * modal submissions as a {@code payload} form field holding JSON (with {@code *} encoded as
 * {@code %2A}, which Java's URLEncoder leaves alone).
 *
 * @see <a href="https://api.slack.com/interactivity/slash-commands#app_command_handling">Slash command payloads</a>
 * @see <a href="https://api.slack.com/reference/interaction-payloads/block-actions">block_actions payloads</a>
 */
final class SlackPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String teamId;
    private final AtomicLong triggers = new AtomicLong();

    SlackPayloads(String teamId) {
        this.teamId = teamId;
    }

    /** The form body of {@code /command text} typed by {@code user} in {@code channel}. */
    String slashCommand(
            String command, String text, String userId, String userName, String channel, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "sandbox");
        f.put("team_id", teamId);
        f.put("team_domain", "sandbox");
        f.put("channel_id", channel);
        f.put("channel_name", "sandbox");
        f.put("user_id", userId);
        f.put("user_name", userName);
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A0SANDBOX");
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", nextTrigger());
        return encode(f);
    }

    /**
     * A click on {@code button} of the channel {@code message} (Slack's JSON; null: an ephemeral
     * message), or, with {@code channel} and {@code responseUrl} null, of the clicking user's App Home.
     */
    String blockActions(
            Button button,
            String userId,
            String userName,
            @Nullable String channel,
            @Nullable JsonNode message,
            @Nullable String responseUrl,
            String triggerId) {
        ObjectNode p = JSON.createObjectNode()
                .put("type", "block_actions")
                .put("api_app_id", "A0SANDBOX")
                .put("token", "sandbox")
                .put("trigger_id", triggerId);
        if (responseUrl != null) {
            p.put("response_url", responseUrl);
        }
        p.putObject("user")
                .put("id", userId)
                .put("username", userName)
                .put("name", userName)
                .put("team_id", teamId);
        p.putObject("team").put("id", teamId).put("domain", "sandbox");
        if (channel == null) {
            // A click on the App Home: the container is the Home view; no channel, no response_url.
            p.putObject("container").put("type", "view").put("view_id", "VHOME" + userId);
            p.putObject("view").put("id", "VHOME" + userId).put("type", "home");
            return withAction(p, button);
        }
        p.putObject("channel").put("id", channel).put("name", "sandbox");
        boolean ephemeral = message == null;
        ObjectNode container = p.putObject("container")
                .put("type", "message")
                .put("channel_id", channel)
                .put("is_ephemeral", ephemeral);
        if (!ephemeral) {
            container.put("message_ts", message.path("ts").asText());
            p.set("message", message);
        }
        return withAction(p, button);
    }

    private static String withAction(ObjectNode p, Button button) {
        p.putObject("state").putObject("values");
        ObjectNode action = p.putArray("actions").addObject();
        action.put("type", "button")
                .put("action_id", button.actionId())
                .put("block_id", "actions")
                .put("value", button.value())
                .put("action_ts", System.currentTimeMillis() / 1000 + ".000001");
        action.putObject("text").put("type", "plain_text").put("text", button.label());
        return "payload=" + encodeValue(p.toString());
    }

    /** The submission of {@code view} with {@code input} typed into its text field. */
    String viewSubmission(JsonNode view, String userId, String userName, String input) {
        ObjectNode p = JSON.createObjectNode()
                .put("type", "view_submission")
                .put("api_app_id", "A0SANDBOX")
                .put("token", "sandbox")
                .put("trigger_id", nextTrigger());
        p.putObject("user")
                .put("id", userId)
                .put("username", userName)
                .put("name", userName)
                .put("team_id", teamId);
        p.putObject("team").put("id", teamId).put("domain", "sandbox");
        ObjectNode v = view.deepCopy();
        ObjectNode values = v.putObject("state").putObject("values");
        for (JsonNode block : view.path("blocks")) {
            if ("input".equals(block.path("type").asText())) {
                values.putObject(block.path("block_id").asText())
                        .putObject(block.path("element").path("action_id").asText())
                        .put("type", "plain_text_input")
                        .put("value", input);
            }
        }
        p.set("view", v);
        p.putArray("response_urls");
        return "payload=" + encodeValue(p.toString());
    }

    /** A new trigger_id, as Slack issues one per interaction. */
    String nextTrigger() {
        return triggers.incrementAndGet() + ".1767225600.sandbox";
    }

    /** The Events API body of {@code userId} opening the app's Home tab (no {@code view}: as on a first visit). */
    String homeOpened(String userId) {
        ObjectNode p = JSON.createObjectNode()
                .put("token", "sandbox")
                .put("team_id", teamId)
                .put("api_app_id", "A0SANDBOX")
                .put("type", "event_callback")
                .put("event_id", "EvSANDBOX" + triggers.incrementAndGet())
                .put("event_time", System.currentTimeMillis() / 1000);
        p.putObject("event")
                .put("type", "app_home_opened")
                .put("user", userId)
                .put("channel", "D0SANDBOX")
                .put("tab", "home")
                .put("event_ts", System.currentTimeMillis() / 1000 + ".000100");
        return p.toString();
    }

    private static String encode(Map<String, String> f) {
        return f.entrySet().stream()
                .map(e -> e.getKey() + "=" + encodeValue(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encodeValue(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
