package dev.cutover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An in-process stand-in for the Slack Web API and for response_urls, on a loopback port: the bot's
 * real Slack client calls it exactly as it calls Slack, and every call is handed to a
 * {@link SlackListener} (the console renders them). Answers in Slack's response shapes.
 *
 * @see <a href="https://api.slack.com/web">The Slack Web API</a>
 */
public final class SandboxSlackApi implements AutoCloseable {
    /** The team and bot identity {@code auth.test} reports. */
    public static final String TEAM_ID = "T0SANDBOX";

    public static final String BOT_USER_ID = "U0CUTOVER";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackListener listener;
    private final Map<String, List<String>> groups;
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final long epoch = System.currentTimeMillis() / 1000;
    private final Undertow server;
    private final SlackCallLog calls = new SlackCallLog();
    private int port;

    /**
     * @param listener hears every message, update, ephemeral, modal and response
     * @param groups user-group id to member user ids, for usergroups.users.list
     */
    public SandboxSlackApi(SlackListener listener, Map<String, List<String>> groups) {
        this.listener = listener;
        this.groups = Map.copyOf(groups);
        this.server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new BlockingHandler(this::handle))
                .build();
    }

    /** Starts listening on a free loopback port. */
    public void start() {
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The Web API base URL, ending in {@code /api/}. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + port + "/api/";
    }

    /** A fresh response_url for one request. */
    public String newResponseUrl() {
        return "http://127.0.0.1:" + port + "/respond/" + seq.incrementAndGet();
    }

    /** The message posted at {@code ts} as Slack would include it in a click payload, or null. */
    public @Nullable ObjectNode message(String ts) {
        return messages.get(ts);
    }

    /** Every Web API and response_url call the bot made, for {@code slack-calls}. */
    public SlackCallLog calls() {
        return calls;
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(HttpServerExchange ex) throws IOException {
        byte[] body = ex.getInputStream().readAllBytes();
        String path = ex.getRequestPath();
        JsonNode reply;
        if (path.startsWith("/respond/")) {
            calls.record("response_url", null);
            listener.responded(JSON.readTree(body));
            ex.getResponseSender().send("ok");
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String method = path.substring(path.lastIndexOf('/') + 1);
        calls.record(method, form.get("channel"));
        reply = switch (method) {
            case "auth.test" -> ok().put("url", "https://sandbox.slack.com/")
                    .put("team", "Sandbox")
                    .put("user", "cutover")
                    .put("team_id", TEAM_ID)
                    .put("user_id", BOT_USER_ID)
                    .put("bot_id", "B0CUTOVER");
            case "chat.postMessage" -> post(form);
            case "chat.update" -> update(form);
            case "chat.postEphemeral" -> ephemeral(form);
            case "views.open" -> viewsOpen(form);
            case "views.publish" -> viewsPublish(form);
            case "usergroups.users.list" -> usergroup(form);
            default -> JSON.createObjectNode().put("ok", false).put("error", "unknown_method");
        };
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        ex.getResponseSender().send(JSON.writeValueAsString(reply));
    }

    private ObjectNode post(Map<String, String> f) throws IOException {
        String ts = epoch + "." + String.format("%06d", seq.incrementAndGet());
        ObjectNode message = message(f, ts);
        messages.put(ts, message);
        listener.posted(f.get("channel"), ts, f.get("thread_ts"), message);
        ObjectNode r = ok().put("channel", f.get("channel")).put("ts", ts);
        r.set("message", message);
        return r;
    }

    private ObjectNode update(Map<String, String> f) throws IOException {
        String ts = f.get("ts");
        if (!messages.containsKey(ts)) {
            return JSON.createObjectNode().put("ok", false).put("error", "message_not_found");
        }
        ObjectNode message = message(f, ts);
        messages.put(ts, message);
        listener.updated(f.get("channel"), ts, message);
        return ok().put("channel", f.get("channel")).put("ts", ts).put("text", f.getOrDefault("text", ""));
    }

    private ObjectNode ephemeral(Map<String, String> f) throws IOException {
        listener.ephemeral(f.get("user"), message(f, null));
        return ok().put("message_ts", epoch + "." + String.format("%06d", seq.incrementAndGet()));
    }

    private ObjectNode viewsOpen(Map<String, String> f) throws IOException {
        String id = "V" + String.format("%08d", seq.incrementAndGet());
        ObjectNode view = (ObjectNode) JSON.readTree(f.get("view"));
        view.put("id", id);
        listener.viewOpened(f.get("trigger_id"), view);
        ObjectNode r = ok();
        r.set("view", view);
        return r;
    }

    private ObjectNode viewsPublish(Map<String, String> f) throws IOException {
        String user = f.get("user_id");
        if (user == null || !f.containsKey("view")) {
            return JSON.createObjectNode().put("ok", false).put("error", "invalid_arguments");
        }
        ObjectNode view = (ObjectNode) JSON.readTree(f.get("view"));
        view.put("id", "VHOME" + user);
        listener.homePublished(user, view);
        ObjectNode r = ok();
        r.set("view", view);
        return r;
    }

    private ObjectNode usergroup(Map<String, String> f) {
        List<String> members = groups.get(f.get("usergroup"));
        if (members == null) {
            return JSON.createObjectNode().put("ok", false).put("error", "no_such_subteam");
        }
        ObjectNode r = ok();
        members.forEach(r.putArray("users")::add);
        return r;
    }

    private static ObjectNode message(Map<String, String> f, @Nullable String ts) throws IOException {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("text", f.getOrDefault("text", ""));
        if (ts != null) {
            m.put("ts", ts).put("user", BOT_USER_ID);
        }
        m.set("blocks", f.containsKey("blocks") ? JSON.readTree(f.get("blocks")) : JSON.createArrayNode());
        return m;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
