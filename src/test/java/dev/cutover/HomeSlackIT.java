package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.OUTSIDER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.redis.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The App Home end to end: signed {@code app_home_opened} events and Home clicks over HTTP into the
 * real server and Bolt app, WireMock as the Slack Web API ({@code views.publish}) and Route 53, the
 * real Redis (requests, and the recent viewers shared by replicas).
 */
class HomeSlackIT extends SlackAndRoute53Fakes {

    CutoverHarness start(String pairsYaml) {
        h = new CutoverHarness(slack, route53, pairsYaml);
        return h;
    }

    /** /swap blue-green by the requester; waits for the request message and returns its id. */
    String requestSwap(String pair) {
        int before = slack.posts().size();
        assertThat(h.swap(pair, REQUESTER).status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() > before);
        String id = slack.requestIdOfLastPost();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        return id;
    }

    /** Every view published to {@code user}'s Home, oldest first. */
    List<JsonNode> homes(String user) {
        return slack.calls("views.publish").stream()
                .filter(c -> user.equals(c.get("user_id")))
                .map(c -> SlackFake.json(c.get("view")))
                .toList();
    }

    JsonNode lastHome(String user) {
        List<JsonNode> all = homes(user);
        return all.get(all.size() - 1);
    }

    /** Opens {@code user}'s Home and waits for the view published after it. */
    JsonNode open(String user) {
        int before = homes(user).size();
        var ack = h.homeOpened(user);
        assertThat(ack.statusCode()).isEqualTo(200);
        eventually().until(() -> homes(user).size() > before);
        return lastHome(user);
    }

    static List<String> buttons(JsonNode view) {
        return SlackFake.buttons(view.path("blocks").toString());
    }

    @Test
    void aFirstVisitWithoutAViewIsAckedAndPublishesTheHome() {
        start(CutoverHarness.pair(PAIR, "15m", false));

        JsonNode home = open(REQUESTER);

        assertThat(home.path("type").asText()).isEqualTo("home");
        assertThat(SlackFake.allText(home))
                .contains("`" + PAIR + "`", "blue.example.com", "api-blue-1234567890", "not frozen")
                .contains("Your pending requests", "Scheduled jobs", "Open incidents", "Last updated");
        assertThat(buttons(home)).isEmpty();
    }

    @Test
    void anApproverGetsApproveAndRejectWithTheChannelsConfirmsAndANonApproverDoesNot() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap(PAIR);

        JsonNode approver = open(APPROVER);
        JsonNode outsider = open(OUTSIDER);
        JsonNode requester = open(REQUESTER);

        assertThat(buttons(approver)).containsExactly(SwapMessages.APPROVE, SwapMessages.REJECT);
        assertThat(approver.path("blocks").toString())
                .contains("\"value\":\"" + id + "\"", "\"confirm\"", "Approve the swap?", "Reject the swap?");
        assertThat(SlackFake.allText(approver)).contains("waiting for approval (0 of 1)");
        assertThat(buttons(outsider)).isEmpty();
        assertThat(SlackFake.allText(outsider)).contains("waiting for approval (0 of 1)");
        // The requester may not approve their own request (four-eyes), and may cancel it.
        assertThat(buttons(requester)).containsExactly(SwapMessages.CANCEL);
    }

    @Test
    void approveFromTheHomeAppliesExactlyOnceAndUpdatesTheChannelMessage() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap(PAIR);
        open(APPROVER);

        var first = h.homeClick(SwapMessages.APPROVE, id, APPROVER);
        var second = h.homeClick(SwapMessages.APPROVE, id, APPROVER);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        eventually().until(() -> h.store.get(id).orElseThrow().state() == ApprovalState.DONE);
        assertThat(route53.changeBodies()).hasSize(1);
        eventually().untilAsserted(() -> assertThat(slack.lastUpdate())
                .contains("applied", "Approved by <@" + APPROVER + ">"));
        assertThat(slack.calls("chat.update")).allSatisfy(u -> {
            assertThat(u.get("channel")).isEqualTo(CHANNEL);
            assertThat(u.get("ts")).isEqualTo(SlackFake.MESSAGE_TS);
        });
        // The second click lost the race: said so on the Home (no response_url to answer through).
        eventually().untilAsserted(() -> assertThat(SlackFake.allText(lastHome(APPROVER)))
                .contains("already"));
        // The Home follows the store: no request open, no buttons.
        eventually().untilAsserted(() -> {
            JsonNode home = lastHome(APPROVER);
            assertThat(buttons(home)).isEmpty();
            assertThat(SlackFake.allText(home)).doesNotContain("waiting for approval");
        });
    }

    @Test
    void rejectFromTheHomeAsksForAReasonAndTheChannelMessageShowsIt() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap(PAIR);
        open(APPROVER);

        assertThat(h.homeClick(SwapMessages.REJECT, id, APPROVER).statusCode()).isEqualTo(200);
        eventually().until(() -> slack.count("views.open") == 1);
        assertThat(h.submitModal(APPROVER, "not tested on staging").status()).isEqualTo(200);

        eventually().until(() -> h.store.get(id).orElseThrow().state() == ApprovalState.REJECTED);
        eventually().untilAsserted(() -> assertThat(slack.lastUpdate())
                .contains("Rejected by <@" + APPROVER + ">", "not tested on staging"));
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void theEventsUrlAnswersSlacksVerificationChallenge() {
        start(CutoverHarness.pair(PAIR, "15m", false));

        var r = h.postEvent(
                "{\"token\":\"legacy0001\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void fortyPairsStayWithinTheHundredBlocksOfAView() {
        start(String.join(
                "",
                IntStream.rangeClosed(1, 40)
                        .mapToObj(i -> CutoverHarness.pair("pair-%02d".formatted(i), "15m", false))
                        .toList()));
        requestSwap("pair-01");
        requestSwap("pair-02");

        JsonNode home = open(APPROVER);

        assertThat(home.path("blocks").size()).isLessThanOrEqualTo(100);
        assertThat(SlackFake.allText(home)).contains("`pair-01`", "`pair-40`");
        assertThat(buttons(home))
                .containsExactly(SwapMessages.APPROVE, SwapMessages.REJECT, SwapMessages.APPROVE, SwapMessages.REJECT);
    }

    @Test
    void manyChangesInAShortTimeRepublishEachRecentViewerAFewTimes() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        open(APPROVER);
        open(OUTSIDER);
        int approverBefore = homes(APPROVER).size();
        int outsiderBefore = homes(OUTSIDER).size();
        var home = h.bot.home().orElseThrow();

        // A busy stretch: a change every 50 ms for 2.5 s. Each viewer's Home is published about once
        // per interval (1 s here), whatever the number of changes.
        AtomicInteger changes = new AtomicInteger();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            load.scheduleAtFixedRate(
                    () -> {
                        if (changes.incrementAndGet() <= 50) {
                            home.changed();
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            eventually().until(() -> changes.get() > 50);
        } finally {
            load.shutdownNow();
        }

        // On a loaded machine the stretch lasts longer than 2.5 s: at most one publish per started
        // interval of it, plus the last change's publish after it.
        int most = (int) Duration.ofNanos(System.nanoTime() - started).toSeconds() + 3;
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(homes(APPROVER).size() - approverBefore).isBetween(2, most);
            assertThat(homes(OUTSIDER).size() - outsiderBefore).isBetween(2, most);
        });
        assertThat(slack.calls("views.publish"))
                .allSatisfy(c -> assertThat(c.get("user_id")).isIn(APPROVER, OUTSIDER));
    }

    @Test
    void aRateLimitedPublishIsSentAgainAfterSlacksRetryAfter() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        slackWm.stubFor(post(urlPathEqualTo("/api/views.publish"))
                .inScenario("rate limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("allowed"));

        assertThat(h.homeOpened(REQUESTER).statusCode()).isEqualTo(200);

        eventually()
                .until(() -> slackWm.findAll(postRequestedFor(urlPathEqualTo("/api/views.publish")))
                                .size()
                        == 2);
        var calls = slackWm.findAll(postRequestedFor(urlPathEqualTo("/api/views.publish")));
        assertThat(Duration.between(
                        calls.get(0).getLoggedDate().toInstant(),
                        calls.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(SlackFake.allText(lastHome(REQUESTER))).contains("`" + PAIR + "`");
    }

    @Test
    void aJobShowsItsNextFireInItsZoneAndAPauseIsShownToWhoLooks() {
        start(
                CutoverHarness.pair(PAIR, "15m", false)
                        + """
                scheduler:
                  channel: C0000000001
                jobs:
                  - name: nightly
                    cron: "0 0 3 * * ?"
                    timeZone: Asia/Tokyo
                    target: { type: command, command: [true] }
                """);
        h.bot.start(); // the scheduler holds the pause
        JsonNode before = open(APPROVER);
        assertThat(SlackFake.allText(before))
                .contains("*nightly* · next: ")
                .containsPattern("03:00 JST \\(yours: <!date\\^\\d+\\^");

        var pause = h.command("cron", "pause nightly", APPROVER, CHANNEL);

        assertThat(pause.status()).isEqualTo(200);
        eventually().untilAsserted(() -> assertThat(SlackFake.allText(lastHome(APPROVER)))
                .contains("*nightly* :double_vertical_bar: paused · next: none"));
    }

    @Test
    void aRequestOnAnotherReplicaRepublishesTheHomeOpenedOnThisOne() {
        String prefix = TestRedis.newPrefix();
        String pairs = CutoverHarness.pair(PAIR, "15m", false);
        h = new CutoverHarness(slack, route53, pairs, prefix);
        try (CutoverHarness other = new CutoverHarness(slack, route53, pairs, prefix)) {
            assertThat(buttons(open(APPROVER))).isEmpty();

            // Only the other replica sees this change; it knows the viewer from the shared store.
            int before = slack.posts().size();
            assertThat(other.swap(PAIR, REQUESTER).status()).isEqualTo(200);
            eventually().until(() -> slack.posts().size() > before);
            String id = slack.requestIdOfLastPost();

            eventually().untilAsserted(() -> assertThat(
                            lastHome(APPROVER).path("blocks").toString())
                    .contains("\"value\":\"" + id + "\""));
        }
    }

    @Test
    void aSwapRequestRepublishesTheHomeOfARecentViewer() {
        start(CutoverHarness.pair(PAIR, "15m", false));
        JsonNode before = open(APPROVER);
        assertThat(buttons(before)).isEmpty();

        String id = requestSwap(PAIR);

        eventually()
                .untilAsserted(() ->
                        assertThat(lastHome(APPROVER).path("blocks").toString()).contains("\"value\":\"" + id + "\""));
    }
}
