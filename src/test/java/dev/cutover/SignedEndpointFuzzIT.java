package dev.cutover;

import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static dev.cutover.SlackLimits.assertWithinSlackLimits;
import static dev.cutover.SlackLimits.preview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.logging.FormattedLogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated slash-command forms and interactive payloads, built from Slack's sample
 * payloads, signed and posted to the real server: never a 5xx, never a stack trace in the log, no
 * reply beyond Slack's limits, and the bot still answers afterwards. Bounded ({@value #DEFAULT_REQUESTS}
 * requests) and reproducible: {@code -Dcutover.fuzz.seed=<seed>} replays the run a failure names.
 */
class SignedEndpointFuzzIT extends SlackAndRoute53Fakes {
    static final int DEFAULT_REQUESTS = 300;
    static final long SEED = Long.getLong("cutover.fuzz.seed", 20_261_204L);
    static final int REQUESTS = Integer.getInteger("cutover.fuzz.requests", DEFAULT_REQUESTS);

    FuzzedSlackRequests requests;

    @BeforeEach
    void start() {
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", true));
        h.swap(PAIR, REQUESTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.posts().size() == 1);
        requests = new FuzzedSlackRequests(SEED, slack, slack.requestIdOfLastPost());
    }

    @Test
    void randomSignedRequestsNeverBreakTheServerNorTheLimits() {
        try (FormattedLogCapture log = new FormattedLogCapture()) {
            int missing = 0;
            for (int i = 0; i < REQUESTS; i++) {
                byte[] body = requests.next(i);
                HttpResponse<String> r = h.post(body, Map.of());
                String what = "seed " + SEED + ", request " + i + ": " + preview(body) + " -> " + preview(r.body());
                assertThat(r.statusCode()).as(what).isLessThan(500);
                if (requests.lacksRequired) {
                    missing++;
                    assertThat(r.statusCode()).as(what).isEqualTo(400);
                }
                assertWithinSlackLimits(r.body(), what);
            }
            assertThat(missing).as("requests without a required field").isPositive();

            for (String command : List.of("swap", "rollback", "cron", "cutover")) {
                for (String prefix : List.of("", "blue-green ", "freeze blue-green ", "history ", "run ")) {
                    String text = prefix + "<!channel> `x` ".repeat(FuzzedSlackRequests.LONGEST_TEXT / 16);
                    HttpResponse<String> r =
                            h.command(command, text, REQUESTER, CHANNEL).response();
                    String what = "/" + command + " " + preview(text) + " -> " + preview(r.body());
                    assertThat(r.statusCode()).as(what).isLessThan(500);
                    assertWithinSlackLimits(r.body(), what);
                }
            }

            // Once per command, a text of a million characters (in a body just under the 1 MiB limit).
            for (String command : List.of("swap", "rollback", "cron", "cutover")) {
                String text = "run blue-green " + "x".repeat(FuzzedSlackRequests.HUGE_TEXT - 15);
                HttpResponse<String> r =
                        h.command(command, text, REQUESTER, CHANNEL).response();
                String what = "/" + command + " of " + text.length() + " characters -> " + preview(r.body());
                assertThat(r.statusCode()).as(what).isEqualTo(200);
                assertWithinSlackLimits(r.body(), what);
            }

            // The bot still answers, and its follow-ups (the response_url posts) have caught up.
            CutoverHarness.Sent help = h.command("swap", "help", REQUESTER, CHANNEL);
            assertThat(help.status()).isEqualTo(200);
            assertThat(help.ackText()).contains("/swap");
            CutoverHarness.Sent history = h.swap("history " + PAIR, REQUESTER);
            // The audit log is in Redis: the history comes after the ack, through the response_url.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !slack.responses(history.responseName()).isEmpty());
            assertThat(slack.responses(history.responseName()).get(0).toString())
                    .as("seed " + SEED)
                    .contains("History of " + PAIR);

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
}
