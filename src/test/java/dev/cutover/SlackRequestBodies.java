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
        return clicked(p, actionId, requestId, "b*1", "1700000005.123456");
    }

    /** {@code p} with the one clicked button, as a signed-to-be interactive form body. */
    private static byte[] clicked(ObjectNode p, String actionId, String value, String blockId, String actionTs) {
        ArrayNode actions = p.putArray("actions");
        ObjectNode a = actions.addObject();
        a.put("type", "button");
        a.put("action_id", actionId);
        a.put("block_id", blockId);
        a.putObject("text").put("type", "plain_text").put("text", "Button");
        a.put("value", value);
        a.put("action_ts", actionTs);
        return SlackTestSigner.interactivePayloadForm(p.toString());
    }

    /**
     * A block_actions click on button {@code actionId} carrying {@code requestId} in {@code user}'s
     * App Home: the container is the Home view, and Slack sends no channel, message nor response_url.
     */
    static byte[] homeClick(String actionId, String requestId, String user) {
        ObjectNode p = SlackFake.JSON.createObjectNode();
        p.put("type", "block_actions");
        from(p, user);
        p.putObject("container").put("type", "view").put("view_id", "V0000000HOME");
        p.put("trigger_id", "7777.8888.home");
        p.putObject("team").put("id", "T0000000001").put("domain", "example");
        ObjectNode v = p.putObject("view");
        v.put("id", "V0000000HOME");
        v.put("team_id", "T0000000001");
        v.put("type", "home");
        v.putArray("blocks");
        v.put("private_metadata", "");
        v.put("callback_id", "");
        v.putObject("state").putObject("values");
        v.put("hash", "1700000030.home");
        v.put("app_id", "A0000000001");
        v.put("bot_id", "B0000000001");
        p.putObject("state").putObject("values");
        return clicked(p, actionId, requestId, "h*1", "1700000031.123456");
    }

    /** An {@code app_home_opened} event of the Home tab by {@code user}, without a view (a first visit). */
    static byte[] homeOpened(String user, String eventId) {
        ObjectNode p = SlackFake.JSON.createObjectNode();
        p.put("token", "legacy0001");
        p.put("team_id", "T0000000001");
        p.put("api_app_id", "A0000000001");
        p.put("type", "event_callback");
        p.put("event_id", eventId);
        p.put("event_time", 1700000020);
        p.putObject("event")
                .put("type", "app_home_opened")
                .put("user", user)
                .put("channel", "D0000000001")
                .put("tab", "home")
                .put("event_ts", "1700000020.000100");
        p.putArray("authorizations")
                .addObject()
                .put("team_id", "T0000000001")
                .put("user_id", "U0000000BOT")
                .put("is_bot", true);
        return p.toString().getBytes(UTF_8);
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
