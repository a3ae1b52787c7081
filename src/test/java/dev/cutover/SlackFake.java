package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.chat.slack.SlackTestApps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * WireMock as the Slack Web API and as the response_url host: the stubs the bot needs, and the
 * bodies it sent, decoded (Web API calls are form posts, response_url posts are JSON).
 */
final class SlackFake {
    static final String MESSAGE_TS = "1700000000.000100";
    static final String THREAD_REPLY_TS = "1700000000.000200";
    static final String GROUP_MEMBER = "U0000000G01";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension wm;

    SlackFake(WireMockExtension wm) {
        this.wm = wm;
    }

    /** The Web API base URL, ending in {@code /}. */
    String apiBase() {
        return wm.baseUrl() + "/api/";
    }

    /** A response_url on this server. */
    String responseUrl(String name) {
        return wm.baseUrl() + "/response/" + name;
    }

    void stubAll(String channel) {
        SlackTestApps.stubAuthTest(wm);
        wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + MESSAGE_TS
                        + "\",\"message\":{\"type\":\"message\",\"user\":\"U0000000BOT\",\"ts\":\"" + MESSAGE_TS
                        + "\",\"text\":\"posted\"}}")));
        wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("thread_ts="))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + THREAD_REPLY_TS
                        + "\",\"message\":{\"type\":\"message\",\"user\":\"U0000000BOT\",\"ts\":\"" + THREAD_REPLY_TS
                        + "\",\"thread_ts\":\"" + MESSAGE_TS + "\",\"text\":\"reply\"}}")));
        wm.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + MESSAGE_TS
                        + "\",\"text\":\"updated\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/chat.postEphemeral"))
                .willReturn(okJson("{\"ok\":true,\"message_ts\":\"1700000000.000300\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/views.open"))
                .willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V0000000001\",\"type\":\"modal\"}}")));
        wm.stubFor(post(urlPathEqualTo("/api/views.publish"))
                .willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V0000000HOME\",\"type\":\"home\"}}")));
        wm.stubFor(post(urlPathEqualTo("/api/usergroups.users.list"))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"" + GROUP_MEMBER + "\"]}")));
        wm.stubFor(post(urlPathMatching("/response/.*"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** Form fields of every call of a Web API {@code method}, oldest first. */
    List<Map<String, String>> calls(String method) {
        return requests(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
                .map(r -> form(r.getBodyAsString()))
                .toList();
    }

    /** Top-level channel posts (not thread replies). */
    List<Map<String, String>> posts() {
        return calls("chat.postMessage").stream()
                .filter(f -> !f.containsKey("thread_ts"))
                .toList();
    }

    /** Thread replies under the request message, oldest first. */
    List<String> threadTexts() {
        return calls("chat.postMessage").stream()
                .filter(f -> MESSAGE_TS.equals(f.get("thread_ts")))
                .map(f -> f.get("text"))
                .toList();
    }

    /** Every chat.update: its text plus the text of all its blocks, oldest first. */
    List<String> updates() {
        return calls("chat.update").stream().map(SlackFake::textAndBlocks).toList();
    }

    /** The newest chat.update as text plus blocks, or "" when none. */
    String lastUpdate() {
        List<String> u = updates();
        return u.isEmpty() ? "" : u.get(u.size() - 1);
    }

    /** JSON bodies posted to response_url {@code name}, oldest first. */
    List<JsonNode> responses(String name) {
        return requests(postRequestedFor(urlPathEqualTo("/response/" + name))).stream()
                .map(r -> json(r.getBodyAsString()))
                .toList();
    }

    /** Every response_url body, any name, as text. */
    List<String> allResponses() {
        return requests(postRequestedFor(urlPathMatching("/response/.*"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .toList();
    }

    int count(String method) {
        return calls(method).size();
    }

    /** The request id carried by the buttons of the newest top-level post. */
    String requestIdOfLastPost() {
        List<Map<String, String>> posts = posts();
        JsonNode blocks = json(posts.get(posts.size() - 1).get("blocks"));
        for (JsonNode b : blocks) {
            if ("actions".equals(b.path("type").asText())) {
                return b.path("elements").get(0).path("value").asText();
            }
        }
        throw new AssertionError("the newest post has no buttons: " + blocks);
    }

    /** The action ids of the buttons in a message's blocks JSON. */
    static List<String> buttons(String blocksJson) {
        List<String> ids = new ArrayList<>();
        for (JsonNode b : json(blocksJson)) {
            if ("actions".equals(b.path("type").asText())) {
                b.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
            }
        }
        return ids;
    }

    static String textAndBlocks(Map<String, String> form) {
        String blocks = form.getOrDefault("blocks", "[]");
        return form.getOrDefault("text", "") + "\n" + allText(json(blocks));
    }

    /** Every "text" string in a JSON tree, joined by newlines. */
    static String allText(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return String.join("\n", out);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("text") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    private List<LoggedRequest> requests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = new ArrayList<>(wm.findAll(pattern));
        found.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return found;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String describe(List<Map<String, String>> calls) {
        return calls.stream().map(Map::toString).collect(Collectors.joining("\n"));
    }
}
