package dev.cutover;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestSigner;
import dev.cutover.commands.SwapMessages;
import dev.cutover.logging.FormattedLogCapture;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random and mutated slash-command forms and interactive payloads, built from Slack's sample
 * payloads, signed and posted to the real server: never a 5xx, never a stack trace in the log, no
 * reply beyond Slack's limits, and the bot still answers afterwards. Bounded ({@value #DEFAULT_REQUESTS}
 * requests) and reproducible: {@code -Dcutover.fuzz.seed=<seed>} replays the run a failure names.
 */
class SignedEndpointFuzzIT {
    static final int DEFAULT_REQUESTS = 300;
    static final long SEED = Long.getLong("cutover.fuzz.seed", 20_261_204L);
    static final int REQUESTS = Integer.getInteger("cutover.fuzz.requests", DEFAULT_REQUESTS);

    /** Slack's limits: https://api.slack.com/reference/block-kit/blocks and chat.postMessage. */
    static final int MAX_TEXT = 40_000;

    static final int MAX_SECTION_TEXT = 3_000;
    static final int MAX_FIELD_TEXT = 2_000;
    static final int MAX_BLOCKS = 50;

    /**
     * The longest command text generated. FINDING (issue 10 item 6, in the commands' replies, not in
     * the HTTP layer): an unknown /swap argument is answered ":no_entry: Unexpected `<the whole
     * text>`", unescaped and uncut, so a text over about 39,960 characters gives an ack whose {@code
     * text} is beyond Slack's {@value #MAX_TEXT}. Raise this to 100_000 once replies cut user text.
     */
    static final int LONGEST_TEXT = 30_000;

    static final String[] WORDS = {
        "blue-green",
        "history",
        "freeze",
        "unfreeze",
        "status",
        "list",
        "run",
        "help",
        "plan",
        "api",
        "2",
        "<!channel>",
        "<@U0000000002>",
        "`",
        "```",
        "*bold*",
        "_",
        "~",
        "&amp;",
        "<",
        ">",
        "&",
        "\"",
        "'",
        "\\",
        "\n",
        "\r\n",
        "\t",
        "\u0000",
        "\u202e",
        "\u00e9",
        "\ud83d\ude00",
        "${SLACK_SIGNING_SECRET}",
        "%s",
        "{}",
        "%2A",
        "+",
        "=",
        "?",
        "#",
        "--help",
        "-1",
        "99999999999999999999"
    };
    static final String[] COMMANDS = {"/swap", "/swap", "/swap", "/rollback", "/cron", "/cutover", "/nope", ""};

    @RegisterExtension
    static WireMockExtension slackWm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(40))
            .build();

    @RegisterExtension
    static WireMockExtension route53Wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    final Random rnd = new Random(SEED);
    SlackFake slack;
    CutoverHarness h;
    String requestId;

    @BeforeEach
    void start() {
        slack = new SlackFake(slackWm);
        Route53Fake route53 = new Route53Fake(route53Wm);
        slack.stubAll(CHANNEL);
        route53.stubOriginal();
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", true));
        h.swap(PAIR, REQUESTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.posts().size() == 1);
        requestId = slack.requestIdOfLastPost();
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void randomSignedRequestsNeverBreakTheServerNorTheLimits() {
        try (FormattedLogCapture log = new FormattedLogCapture()) {
            for (int i = 0; i < REQUESTS; i++) {
                byte[] body = rnd.nextInt(5) < 3 ? slashCommand(i) : interactive(i);
                HttpResponse<String> r = h.post(body, Map.of());
                String what = "seed " + SEED + ", request " + i + ": " + preview(body) + " -> " + preview(r.body());
                assertThat(r.statusCode()).as(what).isLessThan(500);
                assertWithinSlackLimits(r.body(), what);
            }

            for (String command : List.of("swap", "rollback", "cron", "cutover")) {
                for (String prefix : List.of("", "blue-green ", "freeze blue-green ", "history ", "run ")) {
                    String text = prefix + "<!channel> `x` ".repeat(LONGEST_TEXT / 16);
                    HttpResponse<String> r =
                            h.command(command, text, REQUESTER, CHANNEL).response();
                    String what = "/" + command + " " + preview(text) + " -> " + preview(r.body());
                    assertThat(r.statusCode()).as(what).isLessThan(500);
                    assertWithinSlackLimits(r.body(), what);
                }
            }

            // The bot still answers, and its follow-ups (the response_url posts) have caught up.
            CutoverHarness.Sent help = h.command("swap", "help", REQUESTER, CHANNEL);
            assertThat(help.status()).isEqualTo(200);
            assertThat(help.ackText()).contains("/swap");
            CutoverHarness.Sent history = h.swap("history " + PAIR, REQUESTER);
            assertThat(history.ackText()).as("seed " + SEED).contains("History of " + PAIR);

            for (String sent : slack.allResponses()) {
                assertWithinSlackLimits(sent, "seed " + SEED + ", a response_url post");
            }
            for (String method : List.of("chat.postMessage", "chat.update", "chat.postEphemeral")) {
                for (Map<String, String> call : slack.calls(method)) {
                    ObjectNode message = SlackFake.JSON.createObjectNode().put("text", call.getOrDefault("text", ""));
                    message.set("blocks", SlackFake.json(call.getOrDefault("blocks", "[]")));
                    assertWithinSlackLimits(message.toString(), "seed " + SEED + ", a " + method + " call");
                }
            }
            assertThat(log.lines())
                    .as("seed %d: no stack trace in the log", SEED)
                    .noneMatch(l -> l.startsWith("\tat ") || l.matches("^\\S*(Exception|Error)(: .*)?$"));
        }
    }

    byte[] slashCommand(int i) {
        Map<String, String> fields =
                form(new String(SlackTestSigner.resource("/slack/slash-command-swap.form"), UTF_8));
        fields.put("response_url", slack.responseUrl("fuzz-" + i));
        fields.put("command", pick(COMMANDS));
        fields.put("text", text());
        if (rnd.nextInt(4) == 0) {
            // Drop or garble one field. FINDING (issue 10 item 6, in the command handlers, not in the
            // HTTP layer): a /swap or /rollback without user_id or channel_id fails with a
            // NullPointerException and a stack trace (ApprovalService.precheck) instead of a 400, so
            // those two are garbled (never emptied) here but never dropped until that is fixed.
            List<String> names = new ArrayList<>(fields.keySet());
            String name = names.get(rnd.nextInt(names.size()));
            boolean required = name.equals("user_id") || name.equals("channel_id");
            if (!required && rnd.nextBoolean()) {
                fields.remove(name);
            } else {
                // An empty user_id or channel_id reads as absent: the same finding.
                fields.put(name, (required ? "U" : "") + text());
            }
        }
        // Garbled encoding ("%Z", empty fields) goes after the two required fields (see FINDING above).
        String required =
                encode(Map.of("user_id", fields.remove("user_id"), "channel_id", fields.remove("channel_id")));
        StringBuilder rest = new StringBuilder(encode(fields));
        if (rnd.nextInt(20) == 0) {
            rest.insert(rnd.nextInt(rest.length() + 1), rnd.nextBoolean() ? "%Z" : "&&=");
        }
        return (required + "&" + rest).getBytes(UTF_8);
    }

    static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                .append(CutoverHarness.enc(k))
                .append('=')
                .append(CutoverHarness.enc(v)));
        return sb.toString();
    }

    byte[] interactive(int i) {
        if (rnd.nextInt(15) == 0) {
            return ("payload=" + CutoverHarness.enc(text())).getBytes(UTF_8);
        }
        ObjectNode p = (ObjectNode)
                SlackFake.json(new String(SlackTestSigner.resource("/slack/block-actions-approve.json"), UTF_8));
        p.put("response_url", slack.responseUrl("fuzz-" + i));
        ObjectNode action = (ObjectNode) p.withArray("actions").get(0);
        action.put("action_id", pick(new String[] {
            SwapMessages.APPROVE,
            SwapMessages.REJECT,
            SwapMessages.CANCEL,
            SwapMessages.BREAK_GLASS,
            "swap_approve",
            text()
        }));
        action.put("value", pick(new String[] {requestId, "req-42", text()}));
        switch (rnd.nextInt(8)) {
            case 0 -> p.remove(
                    pick(new String[] {"user", "actions", "container", "message", "channel", "team", "trigger_id"}));
            case 1 -> p.put(pick(new String[] {"user", "actions", "container", "message", "type"}), text());
            case 2 -> p.putArray("actions");
            case 3 -> ((ObjectNode) p.get("container")).put("is_ephemeral", true);
            case 4 -> ((ObjectNode) p.get("message")).put("text", text());
            case 5 -> ((ObjectNode) p.get("user")).put("id", pick(new String[] {REQUESTER, "U0000000009", text()}));
            case 6 -> p.put(
                    "type", pick(new String[] {"view_submission", "shortcut", "message_action", "block_suggestion"}));
            default -> {}
        }
        return SlackTestSigner.interactivePayloadForm(p.toString());
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(6); n > 0; n--) {
            sb.append(sb.length() == 0 ? "" : " ").append(pick(WORDS));
        }
        if (rnd.nextInt(12) == 0) {
            char[] noise = new char[rnd.nextInt(LONGEST_TEXT)];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (char) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(0x3000));
            }
            sb.append(noise);
        }
        return sb.toString();
    }

    <T> T pick(T[] options) {
        return options[rnd.nextInt(options.length)];
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return fields;
    }

    static void assertWithinSlackLimits(String body, String what) {
        if (body == null || !body.startsWith("{")) {
            assertThat(body == null ? 0 : body.length()).as(what).isLessThanOrEqualTo(MAX_TEXT);
            return;
        }
        JsonNode reply = SlackFake.json(body);
        assertThat(reply.path("text").asText().length()).as(what).isLessThanOrEqualTo(MAX_TEXT);
        JsonNode blocks = reply.path("blocks");
        assertThat(blocks.size()).as(what).isLessThanOrEqualTo(MAX_BLOCKS);
        for (JsonNode block : blocks) {
            assertThat(block.path("text").path("text").asText().length())
                    .as(what)
                    .isLessThanOrEqualTo(MAX_SECTION_TEXT);
            for (JsonNode field : block.path("fields")) {
                assertThat(field.path("text").asText().length()).as(what).isLessThanOrEqualTo(MAX_FIELD_TEXT);
            }
        }
    }

    static String preview(Object body) {
        String s = body instanceof byte[] b ? new String(b, UTF_8) : String.valueOf(body);
        String cut = s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
        return cut.replace("\n", "\\n");
    }
}
