package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A slow Slack does not slow an apply: the thread's progress posts ("Applying", "Submitted", the
 * result) are sent after the apply moves on, in their order, while Route 53 is changed and polled.
 */
class SlowSlackApplyIT extends SlackAndRoute53Fakes {
    /** How long Slack takes to answer each thread reply. */
    static final int SLOW_MS = 4_000;

    @Test
    void anApplyReachesInsyncWhileTheThreadRepliesAreStillBeingPostedInOrder() {
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        var sent = h.swap(PAIR, REQUESTER);
        assertThat(sent.status()).isEqualTo(200);
        eventually().until(() -> !slack.posts().isEmpty());
        String id = slack.requestIdOfLastPost();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        slackWm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .atPriority(1)
                .withRequestBody(containing("thread_ts="))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\""
                                + SlackFake.THREAD_REPLY_TS + "\",\"message\":{\"type\":\"message\",\"ts\":\""
                                + SlackFake.THREAD_REPLY_TS + "\",\"thread_ts\":\"" + SlackFake.MESSAGE_TS
                                + "\",\"text\":\"reply\"}}")
                        .withFixedDelay(SLOW_MS)));

        h.click(SwapMessages.APPROVE, id, APPROVER);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == ApprovalState.DONE);
        // Route 53 was changed and reported INSYNC before Slack answered the first thread reply
        // (posted before the records are re-read): the apply never waited for it.
        Instant firstReplyAnswered = threadReplies().get(0).plusMillis(SLOW_MS);
        Instant insync = route53Wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(Route53Fake.CHANGE))
                .map(e -> e.getRequest().getLoggedDate().toInstant())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(route53.changeBodies()).hasSize(1);
        assertThat(insync).isBefore(firstReplyAnswered);

        // Every step still reaches the thread, in its order, one after another.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack.threadTexts())
                .hasSize(3)
                .satisfiesExactly(
                        t -> assertThat(t).contains("Applying"),
                        t -> assertThat(t).contains("Submitted change `C0123456789ABCDEFGHIJ`"),
                        t -> assertThat(t).containsPattern("INSYNC after \\d+ s")));
        List<Instant> received = threadReplies();
        for (int i = 1; i < received.size(); i++) {
            assertThat(Duration.between(received.get(i - 1), received.get(i)))
                    .as("each reply is sent after Slack answered the one before")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(SLOW_MS - 50));
        }
    }

    /** When Slack received each thread reply, oldest first. */
    private static List<Instant> threadReplies() {
        return slackWm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/chat.postMessage"))
                .filter(e -> e.getRequest().getBodyAsString().contains("thread_ts="))
                .map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().toInstant())
                .sorted()
                .toList();
    }
}
