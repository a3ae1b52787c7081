package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.swap.SwapWorkflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * States that say what happened: a change still propagating is SUBMITTED and polled to the end, a
 * decision made before Slack answered the post is shown once it answers, and Route 53's refusals
 * other than a changed record are reported with its reason. WireMock as Slack and Route 53, the
 * real Redis.
 */
class SwapStatesIT extends SlackAndRoute53Fakes {
    private static final String CHANGE_ID = "C0123456789ABCDEFGHIJ";
    /** Longer than the Slack client's read timeout (the SDK's default, 10 s). */
    private static final int POST_TIMEOUT_MS = 11_000;

    String requestSwap() {
        h.swap(PAIR, REQUESTER);
        eventually().until(() -> h.store.openRequest(PAIR).isPresent());
        String id = h.store.openRequest(PAIR).orElseThrow();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        return id;
    }

    void awaitState(String id, ApprovalState state) {
        eventually().until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == state);
    }

    void awaitUpdate(String contains) {
        eventually().untilAsserted(() -> assertThat(slack.lastUpdate()).contains(contains));
    }

    void insyncFromNowOn() {
        route53Wm.stubFor(get(urlEqualTo(Route53Fake.CHANGE))
                .willReturn(Route53Fake.xml(200, Route53Fake.fixture("get-change-insync.xml"))));
    }

    @Test
    void pendingPastTheWaitIsPropagatingNotFailedAndIsDoneOnceASweepSeesItInsync() {
        route53.alwaysPending();
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap();

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.SUBMITTED);
        awaitUpdate("propagating");
        assertThat(slack.lastUpdate())
                .contains("Swap blue-green: propagating", CHANGE_ID)
                .doesNotContain("failed");
        assertThat(h.audit.recent(PAIR, 20)).extracting(AuditEvent::action).contains("propagating");
        eventually().untilAsserted(() -> assertThat(String.join("\n", slack.threadTexts()))
                .contains("Propagating", "keeps checking"));
        // Still propagating: the sweep polls once and leaves it.
        h.bot.workflow().expireDue();
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.SUBMITTED);

        insyncFromNowOn();
        h.bot.workflow().expireDue();

        awaitState(id, ApprovalState.DONE);
        awaitUpdate("INSYNC after");
        assertThat(slack.lastUpdate()).contains("applied");
        eventually().untilAsserted(() -> assertThat(String.join("\n", slack.threadTexts()))
                .containsPattern("Applied: change `" + CHANGE_ID + "` INSYNC after \\d+ s"));
        assertThat(h.audit.recent(PAIR, 20)).extracting(AuditEvent::action).contains("done");
        assertThat(h.store.lastApplied(PAIR).orElseThrow().changeId()).isEqualTo(CHANGE_ID);
    }

    @Test
    void aChangeNeverInsyncEndsAtTheLongLimitAsUnconfirmedWithItsChangeIdNeverFailed() {
        route53.alwaysPending();
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap();
        h.click(SwapMessages.APPROVE, id, APPROVER);
        awaitState(id, ApprovalState.SUBMITTED);

        h.clock.advance(SwapWorkflow.PROPAGATION_LIMIT.plusMinutes(1));
        h.bot.workflow().expireDue();

        awaitState(id, ApprovalState.UNCONFIRMED);
        awaitUpdate("still not INSYNC after 30 min; check the Route 53 console");
        assertThat(slack.lastUpdate()).contains(CHANGE_ID).doesNotContain("failed");
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aDecisionMadeBeforeSlackAnsweredThePostIsShownOnceItAnswers() {
        route53.pendingOnceThenInsync();
        // The request's post (not a thread reply) is answered after 2 s.
        slackWm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("blocks="))
                .withRequestBody(notContaining("thread_ts="))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + SlackFake.MESSAGE_TS
                                + "\",\"message\":{\"type\":\"message\",\"ts\":\"" + SlackFake.MESSAGE_TS + "\"}}")
                        .withFixedDelay(2000)));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        h.swap(PAIR, REQUESTER);
        eventually().until(() -> h.store.openRequest(PAIR).isPresent());
        String id = h.store.openRequest(PAIR).orElseThrow();
        assertThat(h.store.get(id).orElseThrow().message()).isNull();

        var click = h.click(SwapMessages.APPROVE, id, APPROVER);
        // The approver is answered at once, although the message cannot show the decision yet.
        eventually().until(() -> !slack.responses(click.responseName()).isEmpty());
        assertThat(h.store.get(id).orElseThrow().message()).isNull();
        var answer = slack.responses(click.responseName()).get(0);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(SlackFake.allText(answer))
                .contains("Approved: applying the swap of *" + PAIR + "* now", "as soon as Slack confirms");
        awaitState(id, ApprovalState.DONE);
        assertThat(h.store.get(id).orElseThrow().message()).isNull();

        awaitUpdate("INSYNC after");
        assertThat(slack.lastUpdate()).contains("applied", "Approved by <@" + APPROVER + ">");
        eventually().untilAsserted(() -> assertThat(String.join("\n", slack.threadTexts()))
                .contains("Applying", "Submitted change `" + CHANGE_ID + "`")
                .containsPattern("INSYNC after \\d+ s"));
    }

    @Test
    void anInvalidChangeBatchForAnotherReasonIsReportedWithRoute53sReasonNotAsDrift() {
        String reason = "RRSet of type CNAME with DNS name blue.example.com. is not permitted as it conflicts"
                + " with other records with the same DNS name in zone example.com.";
        route53.changeReturns(Route53Fake.xml(
                400,
                Route53Fake.fixture("error-invalid-change-batch.xml")
                        .replaceFirst("<Message>.*</Message>", "<Message>[" + reason + "]</Message>")));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        String id = requestSwap();

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.FAILED);
        awaitUpdate("Route 53 refused the change batch");
        assertThat(slack.lastUpdate())
                .contains("conflicts with other records", "nothing was applied")
                .doesNotContain("records changed");
    }

    @Test
    void aSwapThatWouldPutACnameBesideOtherTypesIsRefusedAtPlanTime() {
        route53.listReturns(Route53Fake.fixture("list-resource-record-sets-plain-and-cname.xml"));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));

        var sent = h.swap(PAIR, REQUESTER);

        // The ack only says the request is being opened: the refusal comes through the response_url.
        assertThat(sent.ackText()).contains("Opening a swap request");
        eventually().until(() -> !slack.allResponses().isEmpty());
        String said = sent.ackText() + slack.allResponses();
        assertThat(said).contains("CNAME at blue.example.com.", "TXT", "cannot share its name");
        assertThat(slack.posts()).isEmpty();
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void aRequestWhosePostTimedOutIsFoundInTheChannelHistoryAndAdoptedWithLiveButtons() {
        // The request's post reaches Slack, but the answer comes after the client gave up.
        String id = swapWhosePostTimesOut();
        slackWm.stubFor(post(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(historyWith(id))));

        await().atMost(Duration.ofMillis(POST_TIMEOUT_MS + 15_000))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));

        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(h.store.get(id).orElseThrow().message().ts()).isEqualTo(SlackFake.MESSAGE_TS);
        assertThat(slack.calls("conversations.history")).singleElement().satisfies(f -> assertThat(f.get("channel"))
                .isEqualTo(CHANNEL));
        h.click(SwapMessages.APPROVE, id, APPROVER);
        awaitState(id, ApprovalState.DONE);
        awaitUpdate("INSYNC after");
    }

    @Test
    void aRequestMessageThatAppearsOnlyAfterTheRequestWasClosedIsUpdatedToClosedWithoutButtons() {
        // Slack accepts the post but answers after the client gave up; the message is not in the
        // channel history at first (so the request is closed), and shows up on a later look.
        slackWm.stubFor(post(urlPathEqualTo("/api/conversations.history"))
                .inScenario("late message")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"ok\":true,\"has_more\":false,\"messages\":[]}"))
                .willSetStateTo("posted"));
        String id = swapWhosePostTimesOut();
        slackWm.stubFor(post(urlPathEqualTo("/api/conversations.history"))
                .inScenario("late message")
                .whenScenarioStateIs("posted")
                .willReturn(okJson(historyWith(id))));
        await().atMost(Duration.ofMillis(POST_TIMEOUT_MS + 15_000))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> h.store
                        .get(id)
                        .map(r -> r.state() == ApprovalState.CANCELLED)
                        .orElse(false));
        assertThat(slack.calls("conversations.history")).hasSize(1);
        assertThat(slack.updates()).isEmpty();

        // (A click on it meanwhile is refused and shows the state there: see the test below.)
        // The later look (10 s after the first) finds it, and the message shows the stored state.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !slack.calls("chat.update").isEmpty());
        var update = slack.calls("chat.update").get(0);
        assertThat(update.get("ts")).isEqualTo(SlackFake.MESSAGE_TS);
        assertThat(update.get("channel")).isEqualTo(CHANNEL);
        assertThat(SlackFake.buttons(update.get("blocks"))).isEmpty();
        assertThat(SlackFake.textAndBlocks(update)).contains("cancelled", "could not be posted");
        assertThat(h.store.get(id).orElseThrow().message().ts()).isEqualTo(SlackFake.MESSAGE_TS);
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.CANCELLED);
        assertThat(slack.calls("conversations.history")).hasSize(2);
        assertThat(route53.changeBodies()).isEmpty();
    }

    /**
     * Asks for a swap whose request post reaches Slack but is answered after the client gave up.
     *
     * @return the id of the request, still open while the post waits
     */
    /**
     * The message appears only after every look (or after a restart forgot them): the first click
     * on it is refused and the message is updated in place to the stored state, without buttons.
     */
    @Test
    void aClickOnARequestMessageThatAppearedAfterEveryLookShowsTheClosedStateThere() {
        slackWm.stubFor(post(urlPathEqualTo("/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"has_more\":false,\"messages\":[]}")));
        String id = swapWhosePostTimesOut();
        await().atMost(Duration.ofMillis(POST_TIMEOUT_MS + 15_000))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> h.store
                        .get(id)
                        .map(r -> r.state() == ApprovalState.CANCELLED)
                        .orElse(false));
        assertThat(slack.calls("chat.update")).isEmpty();

        var click = h.click(SwapMessages.APPROVE, id, APPROVER);

        eventually().until(() -> !slack.responses(click.responseName()).isEmpty());
        assertThat(SlackFake.allText(slack.responses(click.responseName()).get(0)))
                .contains("already cancelled");
        eventually().until(() -> !slack.calls("chat.update").isEmpty());
        var update = slack.calls("chat.update").get(0);
        assertThat(update.get("ts")).isEqualTo(SlackFake.MESSAGE_TS);
        assertThat(SlackFake.buttons(update.get("blocks"))).isEmpty();
        assertThat(SlackFake.textAndBlocks(update)).contains("cancelled", "could not be posted");
        assertThat(h.store.get(id).orElseThrow().message().ts()).isEqualTo(SlackFake.MESSAGE_TS);
        assertThat(route53.changeBodies()).isEmpty();
    }

    private String swapWhosePostTimesOut() {
        slackWm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("blocks="))
                .withRequestBody(notContaining("thread_ts="))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":true}").withFixedDelay(POST_TIMEOUT_MS)));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        h.swap(PAIR, REQUESTER);
        eventually().until(() -> h.store.openRequest(PAIR).isPresent());
        return h.store.openRequest(PAIR).orElseThrow();
    }

    /** A conversations.history page holding the request message of {@code id} (matched by its footer). */
    private static String historyWith(String id) {
        return "{\"ok\":true,\"has_more\":false,\"messages\":[{\"type\":\"message\",\"ts\":\""
                + SlackFake.MESSAGE_TS + "\",\"text\":\"Swap blue-green: pending\",\"blocks\":[{\"type\":"
                + "\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"request `" + id
                + "` · zone\"}]}]}]}";
    }

    @Test
    void aRequestWhosePostFailedAndIsNotInTheHistoryIsClosedAndFreesThePair() {
        slackWm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("blocks="))
                .withRequestBody(notContaining("thread_ts="))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));
        slackWm.stubFor(post(urlPathEqualTo("/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"has_more\":false,\"messages\":[]}")));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        h.swap(PAIR, REQUESTER);
        eventually().until(() -> !slack.calls("conversations.history").isEmpty());
        eventually().until(() -> h.store.openRequest(PAIR).isEmpty());
    }
}
