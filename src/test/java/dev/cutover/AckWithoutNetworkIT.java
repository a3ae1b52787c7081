package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.testing.PrivateRedis;
import dev.cutover.testing.PrometheusText;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The ack never waits on the network: with the bot's Redis hung ({@code SIGSTOP} of a redis-server
 * this test starts) or Slack's Web API and response_urls answering after 4 s, {@code /swap <pair>}
 * and an Approve click are still acked in well under a second, through the real HTTP server.
 */
class AckWithoutNetworkIT extends SlackAndRoute53Fakes {
    /** Well under Slack's 3 s, with room for a slow shared machine. */
    static final Duration PROMPT = Duration.ofMillis(800);

    PrivateRedis redis;
    RedisClient client;

    @BeforeEach
    void start() throws Exception {
        redis = new PrivateRedis();
        client = redis.client(Duration.ofSeconds(2));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false), client);
    }

    @AfterEach
    void stop() throws Exception {
        slackWm.setGlobalFixedDelay(0);
        redis.resume();
        closeHarness();
        h = null;
        redis.close();
    }

    /** A pending request with its message posted, before anything is hung. */
    String pendingRequest() {
        h.swap(PAIR, REQUESTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.posts().size() == 1);
        String id = slack.requestIdOfLastPost();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        return id;
    }

    @Test
    void aHungRedisDoesNotDelayTheAck() {
        String id = pendingRequest();
        redis.hang();

        var swap = timed(() -> h.swap(PAIR, "U0000000005"));
        var click = timed(() -> h.click(SwapMessages.APPROVE, id, APPROVER));

        assertThat(swap.status()).isEqualTo(200);
        assertThat(swap.ackText()).contains("Opening a swap request for *blue-green*…");
        assertThat(click.status()).isEqualTo(200);
        // Once Redis answers again, the click is decided after all.
        redis.resume();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == ApprovalState.DONE);
    }

    @Test
    void anOpenedHomeIsAckedAtOnceWithRedisHungAndSlackSlowAndPublishedOnceTheyAnswer() {
        pendingRequest();
        redis.hang();
        slackWm.setGlobalFixedDelay(4000);

        long started = System.nanoTime();
        var ack = h.homeOpened(APPROVER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(PROMPT);
        redis.resume();
        slackWm.setGlobalFixedDelay(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.calls("views.publish").stream()
                .anyMatch(
                        c -> APPROVER.equals(c.get("user_id")) && c.get("view").contains("swap.approve")));
    }

    @Test
    void aHungRedisIsAnsweredInWordsAnOnCallEngineerCanActOn() {
        pendingRequest();
        redis.hang();

        var freeze = timed(() -> h.swap("freeze " + PAIR + " release week", APPROVER));

        // The store's 2 s timeout passes in the follow-up; the exception goes to the log only.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !slack.responses(freeze.responseName()).isEmpty());
        assertThat(SlackFake.allText(slack.responses(freeze.responseName()).get(0)))
                .contains("Redis is unreachable; nothing was changed")
                .doesNotContain("Jedis", "Exception", "frozen(");
    }

    @Test
    void aFullWorkQueueIsToldBusyAtOnce() throws Exception {
        h.close();
        h = new CutoverHarness(
                slack,
                new Route53Fake(route53Wm),
                CutoverHarness.pair(PAIR, "15m", false),
                client,
                "  workers: 1\n  workQueue: 1");
        redis.hang();

        var running = timed(() -> h.swap(PAIR, REQUESTER)); // holds the one worker, waiting on Redis
        var waiting = timed(() -> h.swap(PAIR, "U0000000005")); // fills the queue
        var refused = timed(() -> h.swap(PAIR, "U0000000006"));

        assertThat(running.ackText()).contains("Opening a swap request for *blue-green*");
        assertThat(waiting.ackText()).contains("Opening a swap request for *blue-green*");
        assertThat(refused.ackText()).contains("busy", "nothing was changed", "Try again");
        assertThat(PrometheusText.parse(h.metrics.scrape()).sum("cutover_work_rejected_total", Map.of()))
                .isEqualTo(1.0);
    }

    @Test
    void aSlowSlackDoesNotDelayTheAck() {
        String id = pendingRequest();
        slackWm.setGlobalFixedDelay(4000);

        var swap = timed(() -> h.swap(PAIR, "U0000000005"));
        var click = timed(() -> h.click(SwapMessages.APPROVE, id, APPROVER));
        var reject = timed(() -> h.click(SwapMessages.REJECT, id, APPROVER)); // its form opens after the ack

        assertThat(swap.status()).isEqualTo(200);
        assertThat(swap.ackText()).contains("Opening a swap request for *blue-green*…");
        assertThat(click.status()).isEqualTo(200);
        assertThat(reject.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.count("views.open") == 1);
        // The slow part still happens after the ack: the refusal of the busy pair reaches the user.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !slack.responses(swap.responseName()).isEmpty());
    }

    /** Sends a request and checks it was acked within {@link #PROMPT}. */
    static CutoverHarness.Sent timed(Supplier<CutoverHarness.Sent> send) {
        long started = System.nanoTime();
        CutoverHarness.Sent sent = send.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("ack of " + sent.responseName()).isLessThan(PROMPT);
        return sent;
    }
}
