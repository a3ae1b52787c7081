package dev.cutover;

import static dev.cutover.CutoverHarness.REQUESTER;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.chat.slack.SlackTestSigner;
import dev.cutover.commands.SwapMessages;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random and mutated Slack requests built from Slack's sample payloads (test resources {@code
 * /slack/slash-command-swap.form} and {@code /slack/block-actions-approve.json}): the same seed
 * gives the same requests.
 */
final class FuzzedSlackRequests {
    /**
     * The longest noise in a generated text; texts up to {@link #HUGE_TEXT} are tried by the test's
     * last round, once per command.
     */
    static final int LONGEST_TEXT = 30_000;

    /** The longest command text the test tries (once per command and prefix). */
    static final int HUGE_TEXT = 1_000_000;

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
    final Random rnd;
    /** Whether the request last built lacks a field every request of its kind carries (answered 400). */
    boolean lacksRequired;

    final SlackFake slack;
    final String requestId;

    /**
     * @param seed the random seed
     * @param slack where response_urls point
     * @param requestId a real pending request, for clicks that reach the approval logic
     */
    FuzzedSlackRequests(long seed, SlackFake slack, String requestId) {
        this.rnd = new Random(seed);
        this.slack = slack;
        this.requestId = requestId;
    }

    /** Request {@code i}: a slash command form (3 in 5) or an interactive payload form. */
    byte[] next(int i) {
        return rnd.nextInt(5) < 3 ? slashCommand(i) : interactive(i);
    }

    byte[] slashCommand(int i) {
        Map<String, String> fields =
                form(new String(SlackTestSigner.resource("/slack/slash-command-swap.form"), UTF_8));
        fields.put("response_url", slack.responseUrl("fuzz-" + i));
        fields.put("command", pick(COMMANDS));
        fields.put("text", text());
        lacksRequired = false;
        if (rnd.nextInt(4) == 0) {
            // Drop, empty or garble one field; without user_id, channel_id or text the answer is a 400.
            List<String> names = new ArrayList<>(fields.keySet());
            String name = names.get(rnd.nextInt(names.size()));
            boolean required = name.equals("user_id") || name.equals("channel_id");
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    fields.remove(name);
                    lacksRequired = required || name.equals("text");
                }
                case 1 -> {
                    fields.put(name, "");
                    lacksRequired = required;
                }
                default -> fields.put(name, (required ? "U" : "") + text());
            }
        }
        StringBuilder body = new StringBuilder(encode(fields));
        if (rnd.nextInt(20) == 0) {
            body.insert(rnd.nextInt(body.length() + 1), rnd.nextBoolean() ? "%Z" : "&&=");
        }
        return body.toString().getBytes(UTF_8);
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
        lacksRequired = false;
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
            case 0 -> {
                String name =
                        pick(new String[] {"user", "actions", "container", "message", "channel", "team", "trigger_id"});
                p.remove(name);
                lacksRequired = name.equals("user") || name.equals("actions");
            }
            case 1 -> p.put(pick(new String[] {"user", "actions", "container", "message", "type"}), text());
            case 2 -> {
                p.putArray("actions");
                lacksRequired = true;
            }
            case 3 -> ((ObjectNode) p.get("container")).put("is_ephemeral", true);
            case 4 -> ((ObjectNode) p.get("message")).put("text", text());
            case 5 -> {
                String user = pick(new String[] {REQUESTER, "U0000000009", text(), ""});
                ((ObjectNode) p.get("user")).put("id", user);
                lacksRequired = user.isBlank();
            }
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
}
