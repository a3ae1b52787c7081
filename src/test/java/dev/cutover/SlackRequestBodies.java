package dev.cutover;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.chat.slack.SlackTestSigner;
import java.net.URLEncoder;

/**
 * The bodies Slack posts for a slash command and for a click on a request message's button, as the
 * bot's tests send them (in process or to a real {@code serve}); the caller signs them.
 */
final class SlackRequestBodies {
    private SlackRequestBodies() {}

    /** A slash command's form body, answered at {@code responseUrl}. */
    static byte[] command(String command, String text, String user, String channel, String responseUrl, String name) {
        String body = "token=legacy0001&team_id=T0000000001&team_domain=example&channel_id=" + channel
                + "&channel_name=ops&user_id=" + user + "&user_name=" + user.toLowerCase()
                + "&command=" + enc("/" + command) + "&text=" + enc(text)
                + "&api_app_id=A0000000001&is_enterprise_install=false&response_url="
                + enc(responseUrl) + "&trigger_id=" + enc("1111.2222." + name);
        return body.getBytes(UTF_8);
    }

    /** A block_actions click on button {@code actionId} carrying {@code requestId}, in {@code channel}. */
    static byte[] click(
            String actionId, String requestId, String user, String channel, String responseUrl, String name) {
        ObjectNode p = SlackFake.JSON.createObjectNode();
        p.put("type", "block_actions");
        from(p, user);
        p.putObject("container")
                .put("type", "message")
                .put("message_ts", SlackFake.MESSAGE_TS)
                .put("channel_id", channel)
                .put("is_ephemeral", false);
        p.put("trigger_id", "3333.4444." + name);
        p.putObject("team").put("id", "T0000000001").put("domain", "example");
        p.putObject("channel").put("id", channel).put("name", "ops");
        p.putObject("message")
                .put("type", "message")
                .put("user", "U0000000BOT")
                .put("ts", SlackFake.MESSAGE_TS)
                .put("text", "*Swap* request")
                .putArray("blocks");
        p.putObject("state").putObject("values");
        p.put("response_url", responseUrl);
        ArrayNode actions = p.putArray("actions");
        ObjectNode a = actions.addObject();
        a.put("type", "button");
        a.put("action_id", actionId);
        a.put("block_id", "b*1");
        a.putObject("text").put("type", "plain_text").put("text", "Button");
        a.put("value", requestId);
        a.put("action_ts", "1700000005.123456");
        return SlackTestSigner.interactivePayloadForm(p.toString());
    }

    /** Puts the clicking {@code user}, the app id and the legacy token into an interactive payload. */
    static void from(ObjectNode p, String user) {
        p.putObject("user")
                .put("id", user)
                .put("username", user.toLowerCase())
                .put("name", user.toLowerCase())
                .put("team_id", "T0000000001");
        p.put("api_app_id", "A0000000001");
        p.put("token", "legacy0001");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, UTF_8).replace("*", "%2A");
    }
}
