package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.OTHER_CHANNEL;
import static dev.cutover.CutoverHarness.OUTSIDER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static dev.cutover.Route53Fake.BLUE_ALB;
import static dev.cutover.Route53Fake.ELB_ZONE;
import static dev.cutover.Route53Fake.GREEN_ALB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.ChangeXml;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.dns.AliasTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Slack path end to end: signed requests over HTTP into the real server and Bolt app, WireMock
 * as the Slack Web API and as Route 53, the real Redis.
 */
class SwapSlackIT extends SlackAndRoute53Fakes {
    static final AliasTarget BLUE = new AliasTarget(ELB_ZONE, BLUE_ALB, false);
    static final AliasTarget GREEN = new AliasTarget(ELB_ZONE, GREEN_ALB, false);

    CutoverHarness start() {
        return start(CutoverHarness.pair(PAIR, "15m", false));
    }

    CutoverHarness start(String pairsYaml) {
        h = new CutoverHarness(slack, route53, pairsYaml);
        return h;
    }

    /** /swap blue-green by the requester; waits for the request message and returns its id. */
    String requestSwap() {
        int before = slack.posts().size();
        var sent = h.swap(PAIR, REQUESTER);
        assertThat(sent.status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() > before);
        // The message ref is attached right after the post; clicks need it to update in place.
        String id = slack.requestIdOfLastPost();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        return id;
    }

    void awaitState(String id, ApprovalState state) {
        eventually().until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == state);
    }

    String awaitResponse(String responseName) {
        eventually().until(() -> !slack.responses(responseName).isEmpty());
        JsonNode r = slack.responses(responseName).get(0);
        return SlackFake.allText(r);
    }

    void awaitUpdate(String contains) {
        eventually().untilAsserted(() -> assertThat(slack.lastUpdate()).contains(contains));
    }

    static List<ChangeXml.Change> swapBatch() {
        return List.of(
                new ChangeXml.Change("DELETE", "blue.example.com.", "A", BLUE),
                new ChangeXml.Change("DELETE", "green.example.com.", "A", GREEN),
                new ChangeXml.Change("CREATE", "blue.example.com.", "A", GREEN),
                new ChangeXml.Change("CREATE", "green.example.com.", "A", BLUE));
    }

    @Test
    void happyPath_requestApproveApplyInsyncReportedInPlaceAndInTheThread() {
        route53.pendingOnceThenInsync();
        start();

        String id = requestSwap();
        var post = slack.posts().get(0);
        assertThat(post.get("channel")).isEqualTo(CHANNEL);
        assertThat(SlackFake.textAndBlocks(post))
                .contains("blue.example.com.", "api-blue-1234567890", "→", "api-green-0987654321")
                .contains("<@" + REQUESTER + ">");
        assertThat(SlackFake.buttons(post.get("blocks")))
                .containsExactly(SwapMessages.APPROVE, SwapMessages.REJECT, SwapMessages.CANCEL);
        assertThat(post.get("blocks")).contains("\"confirm\"");

        var click = h.click(SwapMessages.APPROVE, id, APPROVER);
        assertThat(click.status()).isEqualTo(200);

        awaitState(id, ApprovalState.DONE);
        awaitUpdate("INSYNC after");
        assertThat(route53.changeBodies()).hasSize(1);
        assertThat(ChangeXml.changes(route53.changeBodies().get(0))).containsExactlyElementsOf(swapBatch());
        assertThat(route53.getChangeCount()).isGreaterThanOrEqualTo(2);

        var updates = slack.calls("chat.update");
        assertThat(updates).allSatisfy(u -> {
            assertThat(u.get("channel")).isEqualTo(CHANNEL);
            assertThat(u.get("ts")).isEqualTo(SlackFake.MESSAGE_TS);
        });
        String last = slack.lastUpdate();
        assertThat(last).contains("applied", "Approved by <@" + APPROVER + ">").matches("(?s).*INSYNC after \\d+ s.*");
        assertThat(SlackFake.buttons(updates.get(updates.size() - 1).get("blocks")))
                .isEmpty();
        eventually().untilAsserted(() -> assertThat(String.join("\n", slack.threadTexts()))
                .contains("Applying")
                .contains("Submitted change `C0123456789ABCDEFGHIJ`")
                .containsPattern("INSYNC after \\d+ s"));
        assertThat(slack.responses(click.responseName())).isEmpty();
        assertThat(h.audit.recent(PAIR, 20))
                .extracting(AuditEvent::action)
                .contains("requested", "approved", "applying", "done");
    }

    @Test
    void historyShowsTheAuditTrailFromRedis() {
        start();
        String id = requestSwap();
        h.click(SwapMessages.APPROVE, id, APPROVER);
        awaitState(id, ApprovalState.DONE);

        var sent = h.swap("history blue-green", OUTSIDER);

        // The audit log is in Redis: the history is answered after the ack, through the response_url.
        assertThat(awaitResponse(sent.responseName()))
                .contains("History of blue-green")
                .contains("*requested (swap)* by <@" + REQUESTER + "> (request `" + id + "`)")
                .contains("*approved* by <@" + APPROVER + ">")
                .contains("*done* by the bot")
                .contains("INSYNC after");
    }

    @Test
    void selfApprovalIsRefusedWithFourEyes() {
        start();
        String id = requestSwap();

        var click = h.click(SwapMessages.APPROVE, id, REQUESTER);

        assertThat(awaitResponse(click.responseName())).contains("four-eyes");
        JsonNode r = slack.responses(click.responseName()).get(0);
        assertThat(r.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(r.path("replace_original").asBoolean(true)).isFalse();
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void breakGlassWithAReasonAppliesAndIsFlagged() {
        start(CutoverHarness.pair(PAIR, "15m", true));
        String id = requestSwap();
        assertThat(SlackFake.buttons(slack.posts().get(0).get("blocks"))).contains(SwapMessages.BREAK_GLASS);

        var click = h.click(SwapMessages.BREAK_GLASS, id, REQUESTER);
        assertThat(click.status()).isEqualTo(200);
        eventually().until(() -> slack.count("views.open") == 1);
        var open = slack.calls("views.open").get(0);
        assertThat(open.get("trigger_id")).isEqualTo("3333.4444." + click.responseName());
        assertThat(open.get("view")).contains("cutover.input");

        var submit = h.submitModal(REQUESTER, "prod down, approvers asleep");
        assertThat(submit.status()).isEqualTo(200);
        assertThat(submit.response().body()).doesNotContain("errors");

        awaitState(id, ApprovalState.DONE);
        awaitUpdate("INSYNC after");
        assertThat(slack.lastUpdate()).contains("Break-glass", "flagged for review", "prod down, approvers asleep");
        assertThat(route53.changeBodies()).hasSize(1);
        assertThat(h.audit.recent(PAIR, 20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("break-glass");
            assertThat(e.userId()).isEqualTo(REQUESTER);
            assertThat(e.detail()).containsEntry("breakGlassReason", "prod down, approvers asleep");
        });
    }

    @Test
    void aSecondRequestOnABusyPairIsRefused() {
        start();
        requestSwap();

        var second = h.swap(PAIR, "U0000000005");

        assertThat(second.status()).isEqualTo(200);
        // The busy check reads Redis, so it runs after the ack and answers through the response_url.
        assertThat(awaitResponse(second.responseName()))
                .containsIgnoringCase("another change of *blue-green* is in progress");
        assertThat(slack.responses(second.responseName())
                        .get(0)
                        .path("response_type")
                        .asText())
                .isEqualTo("ephemeral");
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void aFrozenPairIsRefusedAndUnfreezingAllowsAgain() {
        start();
        var freeze = h.swap("freeze blue-green release week", APPROVER);
        assertThat(freeze.status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() == 1);
        assertThat(SlackFake.textAndBlocks(slack.posts().get(0))).contains("frozen", "release week");

        var refused = h.swap(PAIR, REQUESTER);
        assertThat(awaitResponse(refused.responseName()))
                .contains("frozen", "release week", "/swap unfreeze blue-green");
        assertThat(slack.posts()).hasSize(1);

        h.swap("unfreeze blue-green", APPROVER);
        eventually().until(() -> slack.posts().size() == 2);
        String id = requestSwap();
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void aNonApproverIsRefused() {
        start();
        String id = requestSwap();

        var click = h.click(SwapMessages.APPROVE, id, OUTSIDER);

        assertThat(awaitResponse(click.responseName())).contains("not an approver");
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void anApproverThroughAUserGroupIsAccepted() {
        start();
        String id = requestSwap();

        h.click(SwapMessages.APPROVE, id, SlackFake.GROUP_MEMBER);

        awaitState(id, ApprovalState.DONE);
        assertThat(slack.calls("usergroups.users.list"))
                .anySatisfy(f -> assertThat(f.get("usergroup")).isEqualTo(CutoverHarness.GROUP));
        assertThat(route53.changeBodies()).hasSize(1);
        awaitUpdate("Approved by <@" + SlackFake.GROUP_MEMBER + ">");
    }

    @Test
    void anExpiredRequestIsRefusedAndShownExpired() {
        start(CutoverHarness.pair(PAIR, "1m", false));
        String id = requestSwap();
        h.clock.advance(Duration.ofMinutes(2));

        var click = h.click(SwapMessages.APPROVE, id, APPROVER);

        assertThat(awaitResponse(click.responseName())).contains("expired");
        awaitState(id, ApprovalState.EXPIRED);
        awaitUpdate("Expired");
        assertThat(route53.changeBodies()).isEmpty();
        // The pair is free again.
        requestSwap();
    }

    @Test
    void aRejectionAsksForAReasonAndShowsWhoAndWhy() {
        start();
        String id = requestSwap();

        var click = h.click(SwapMessages.REJECT, id, APPROVER);
        assertThat(click.status()).isEqualTo(200);
        eventually().until(() -> slack.count("views.open") == 1);
        var submit = h.submitModal(APPROVER, "wrong release <@U0000000001>");
        assertThat(submit.status()).isEqualTo(200);

        awaitState(id, ApprovalState.REJECTED);
        awaitUpdate("Rejected by <@" + APPROVER + ">");
        assertThat(slack.lastUpdate()).contains("wrong release &lt;@U0000000001&gt;");
        assertThat(SlackFake.buttons(lastUpdateBlocks())).isEmpty();
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void historyShowsALongRejectionReasonCutToTwoHundredCharacters() {
        start();
        String id = requestSwap();
        h.click(SwapMessages.REJECT, id, APPROVER);
        eventually().until(() -> slack.count("views.open") == 1);
        String reason = "<" + "r".repeat(298) + "END";
        h.submitModal(APPROVER, reason);
        awaitState(id, ApprovalState.REJECTED);

        var sent = h.swap("history blue-green", OUTSIDER);

        // 199 characters of the reason, escaped, then "…"; the audit trail keeps it whole.
        String history = awaitResponse(sent.responseName());
        assertThat(history)
                .contains("*rejected* by <@" + APPROVER + ">")
                .contains(": &lt;" + "r".repeat(198) + "…")
                .doesNotContain("r".repeat(199))
                .doesNotContain("END");
        assertThat(h.audit.recent(PAIR, 20))
                .filteredOn(e -> e.action().equals("rejected"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("reason", reason));
    }

    @Test
    void aRefusedModalSubmissionIsAnsweredThroughTheClicksResponseUrl() {
        start();
        String id = requestSwap();

        var click = h.click(SwapMessages.REJECT, id, OUTSIDER);
        eventually().until(() -> slack.count("views.open") == 1);
        var submit = h.submitModal(OUTSIDER, "I do not like it");

        // The decision reads Redis and the directory, so it runs after the ack, which closes the modal.
        assertThat(submit.status()).isEqualTo(200);
        assertThat(submit.response().body()).doesNotContain("errors");
        assertThat(awaitResponse(click.responseName())).contains("not an approver");
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(slack.calls("chat.update")).isEmpty();
    }

    @Test
    void aReasonTooLongKeepsTheModalOpenAndSaysWhy() {
        start();
        String id = requestSwap();

        h.click(SwapMessages.REJECT, id, APPROVER);
        eventually().until(() -> slack.count("views.open") == 1);
        var submit = h.submitModal(APPROVER, "x".repeat(501));

        // Checked from the typed text alone, before the ack: the modal stays open and says why.
        assertThat(submit.status()).isEqualTo(200);
        JsonNode ack = SlackFake.json(submit.response().body());
        assertThat(ack.path("response_action").asText()).isEqualTo("errors");
        assertThat(ack.path("errors").path("reason").asText()).contains("501 characters", "at most 500");
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void aReasonModalThatSlackWillNotOpenIsAnEphemeralAnswer() {
        start();
        String id = requestSwap();
        slackWm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/views.open"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"ok\":false,\"error\":\"expired_trigger_id\"}")));

        var click = h.click(SwapMessages.REJECT, id, APPROVER);

        assertThat(click.status()).isEqualTo(200);
        assertThat(awaitResponse(click.responseName())).contains("Could not open", "expired_trigger_id", "again");
        assertThat(slack.responses(click.responseName())
                        .get(0)
                        .path("response_type")
                        .asText())
                .isEqualTo("ephemeral");
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void aNewRequestAfterAnOverdueOneShowsTheOldOneExpired() {
        start(CutoverHarness.pair(PAIR, "1m", false));
        String old = requestSwap();
        h.clock.advance(Duration.ofMinutes(2));

        String fresh = requestSwap();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(h.store.get(old).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        eventually().untilAsserted(() -> assertThat(slack.updates())
                .anySatisfy(u -> assertThat(u).contains("Expired", "request `" + old + "`")));
        assertThat(slack.updates()).allSatisfy(u -> assertThat(u).doesNotContain("request `" + fresh + "`"));
    }

    @Test
    void rollbackIsRefusedWhenTheRecordsAreNoLongerWhatTheSwapProduced() {
        start();
        String swapId = requestSwap();
        h.click(SwapMessages.APPROVE, swapId, APPROVER);
        awaitState(swapId, ApprovalState.DONE);
        // Someone put the records back by hand: the list still shows the original state.

        var sent = h.command("rollback", PAIR, REQUESTER, CHANNEL);

        assertThat(awaitResponse(sent.responseName())).contains("no longer what the last swap produced");
        assertThat(slack.posts()).hasSize(1);
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void onlyTheRequesterCanCancel() {
        start();
        String id = requestSwap();

        var other = h.click(SwapMessages.CANCEL, id, APPROVER);
        assertThat(awaitResponse(other.responseName())).containsIgnoringCase("only the requester");
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);

        h.click(SwapMessages.CANCEL, id, REQUESTER);
        awaitState(id, ApprovalState.CANCELLED);
        awaitUpdate("Cancelled by <@" + REQUESTER + ">");
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void recordsChangedBeforeApplyAreDetectedByTheReReadAndNothingIsSent() {
        start();
        String id = requestSwap();
        String drifted = "dualstack.api-canary-5555555555.ap-northeast-1.elb.amazonaws.com.";
        route53.listReturns(Route53Fake.aliasPair(drifted, GREEN_ALB));

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.DRIFTED);
        awaitUpdate("nothing was applied");
        assertThat(slack.lastUpdate()).contains("blue.example.com. was", "api-canary-5555555555");
        assertThat(route53.changeBodies()).isEmpty();
        eventually().untilAsserted(() -> assertThat(String.join("\n", slack.threadTexts()))
                .contains("api-canary-5555555555"));
    }

    @Test
    void invalidChangeBatchFromRoute53MeansTheRecordsChangedAndNothingWasApplied() {
        route53.changeReturns(Route53Fake.xml(400, Route53Fake.fixture("error-invalid-change-batch.xml")));
        start();
        String id = requestSwap();

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.DRIFTED);
        awaitUpdate("the records changed since the request; nothing was applied");
        assertThat(route53.changeBodies()).hasSize(1);
        assertThat(route53.getChangeCount()).isZero();
    }

    @Test
    void throttlingThenSuccessIsApplied() {
        route53.throttledOnce();
        start();
        String id = requestSwap();

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.DONE);
        awaitUpdate("INSYNC after");
        assertThat(route53.changeBodies()).hasSize(2);
        assertThat(route53.changeBodies().get(1))
                .isEqualTo(route53.changeBodies().get(0));
    }

    @Test
    void dryRunShowsTheBatchToTheUserOnlyAndCreatesNothing() {
        start();

        var sent = h.swap("blue-green dry-run", REQUESTER);

        assertThat(sent.status()).isEqualTo(200);
        String text = awaitResponse(sent.responseName());
        JsonNode r = slack.responses(sent.responseName()).get(0);
        assertThat(r.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(text).contains("\"Action\": \"DELETE\"", "\"Action\": \"CREATE\"", BLUE_ALB, GREEN_ALB);
        assertThat(text).contains("Nothing was applied");
        assertThat(slack.posts()).isEmpty();
        assertThat(h.store.openRequest(PAIR)).isEmpty();
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void rollbackAfterASwapRestoresTheRecords() {
        start();
        String swapId = requestSwap();
        h.click(SwapMessages.APPROVE, swapId, APPROVER);
        awaitState(swapId, ApprovalState.DONE);
        route53.listSwapped();

        var sent = h.command("rollback", PAIR, REQUESTER, CHANNEL);
        assertThat(sent.status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() == 2);
        String id = slack.requestIdOfLastPost();
        assertThat(id).isNotEqualTo(swapId);
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        assertThat(SlackFake.textAndBlocks(slack.posts().get(1)))
                .contains(
                        "Rollback blue-green",
                        "api-green-0987654321.ap-northeast-1.elb.amazonaws.com → A alias"
                                + " api-blue-1234567890.ap-northeast-1.elb.amazonaws.com");

        h.click(SwapMessages.APPROVE, id, APPROVER);

        awaitState(id, ApprovalState.DONE);
        assertThat(route53.changeBodies()).hasSize(2);
        assertThat(ChangeXml.changes(route53.changeBodies().get(1)))
                .containsExactly(
                        new ChangeXml.Change("DELETE", "blue.example.com.", "A", GREEN),
                        new ChangeXml.Change("DELETE", "green.example.com.", "A", BLUE),
                        new ChangeXml.Change("CREATE", "blue.example.com.", "A", BLUE),
                        new ChangeXml.Change("CREATE", "green.example.com.", "A", GREEN));
    }

    @Test
    void nothingToRollBackIsAnEphemeralAnswer() {
        start();

        var sent = h.command("rollback", PAIR, REQUESTER, CHANNEL);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(awaitResponse(sent.responseName())).contains("nothing to roll back");
        assertThat(slack.posts()).isEmpty();
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aBadSignatureIs401AndNothingHappens() {
        start();
        byte[] body = ("token=x&team_id=T0000000001&channel_id=" + CHANNEL + "&user_id=" + REQUESTER
                        + "&command=%2Fswap&text=blue-green&response_url="
                        + CutoverHarness.enc(slack.responseUrl("bad")))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var headers = Map.of(
                "X-Slack-Request-Timestamp",
                Long.toString(Instant.now().getEpochSecond()),
                "X-Slack-Signature",
                "v0=" + "0".repeat(64));

        var r = h.http.postForm("/slack/events", body, headers);

        assertThat(r.statusCode()).isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void aStaleTimestampIs401AndNothingHappens() {
        start();
        var sent = h.command("swap", PAIR, REQUESTER, CHANNEL); // warm-up: the same body, fresh, works
        eventually().until(() -> slack.posts().size() == 1);
        String id = slack.requestIdOfLastPost();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));

        byte[] click = h.clickBody(SwapMessages.APPROVE, id, APPROVER, "stale");
        var r = h.postSignedAt(Instant.now().minusSeconds(6 * 60).getEpochSecond(), click, Map.of());

        assertThat(sent.status()).isEqualTo(200);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(slack.responses("stale")).isEmpty();
        assertThat(route53.changeBodies()).isEmpty();
    }

    void assertNothingHappened() {
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(slack.calls("chat.update")).isEmpty();
        assertThat(slack.allResponses()).isEmpty();
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void anUnknownNameListsTheKnownPairs() {
        start();

        var sent = h.swap("purple", REQUESTER);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.ackText()).contains("Unknown pair `purple`", "`blue-green`");
        assertThat(sent.response().body()).contains("\"response_type\":\"ephemeral\"");
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    void noArgumentWithTwoPairsShowsUsage() {
        start(CutoverHarness.pair(PAIR, "15m", false) + CutoverHarness.pair("api", "15m", false));

        var sent = h.swap("", REQUESTER);

        assertThat(sent.ackText()).contains("Usage", "/swap <pair>", "`blue-green`", "`api`");
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    void swapAloneWithOnePairMeansThatPair() {
        start();

        var sent = h.swap("", REQUESTER);

        assertThat(sent.status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() == 1);
        assertThat(SlackFake.textAndBlocks(slack.posts().get(0))).contains("Swap blue-green");
    }

    @Test
    void theWrongChannelIsRefused() {
        start();

        var sent = h.command("swap", PAIR, REQUESTER, OTHER_CHANNEL);

        assertThat(sent.ackText()).contains("can be requested only in", "<#" + CHANNEL + ">");
        assertThat(slack.posts()).isEmpty();
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aSlackRetryOfTheSameClickAppliesOnce() {
        start();
        String id = requestSwap();
        byte[] body = h.clickBody(SwapMessages.APPROVE, id, APPROVER, "retried");

        var first = h.post(body, Map.of());
        var retry = h.post(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        awaitState(id, ApprovalState.DONE);
        eventually().untilAsserted(() -> assertThat(slack.responses("retried")).hasSize(1));
        assertThat(SlackFake.allText(slack.responses("retried").get(0))).contains("already");
        assertThat(route53.changeBodies()).hasSize(1);
    }

    @Test
    void twentyApproversAtOnceApplyExactlyOnce() throws Exception {
        start();
        String id = requestSwap();
        int n = 20;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            bodies.add(h.clickBody(SwapMessages.APPROVE, id, CutoverHarness.approver(i), "race-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> {
                    go.await();
                    return h.post(body, Map.of()).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        awaitState(id, ApprovalState.DONE);
        eventually().untilAsserted(() -> {
            int answered = 0;
            for (int i = 1; i <= n; i++) {
                answered += slack.responses("race-" + i).size();
            }
            assertThat(answered).isEqualTo(n - 1);
        });
        assertThat(route53.changeBodies()).hasSize(1);
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            slack.responses("race-" + i).forEach(r -> answers.add(SlackFake.allText(r)));
        }
        assertThat(answers).allSatisfy(a -> assertThat(a).contains("already"));
        assertThat(h.store.get(id).orElseThrow().approvals()).hasSize(1);
    }

    String lastUpdateBlocks() {
        var updates = slack.calls("chat.update");
        return updates.get(updates.size() - 1).get("blocks");
    }

    @Test
    void aSwapWhoseRequesterGroupIsNotCachedIsAckedAtOnceAndAnsweredAfterTheDirectoryReplies() {
        slackWm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/usergroups.users.list"))
                .atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                                "{\"ok\":true,\"users\":[\"" + SlackFake.GROUP_MEMBER + "\"]}")
                        .withFixedDelay(4000)));
        start(
                """
                  - name: %s
                    zoneId: /hostedzone/%s
                    blue: blue.example.com
                    green: green.example.com
                    channels: [%s]
                    requesters: [%s]
                    approvers: [%s]
                """
                        .formatted(PAIR, Route53Fake.ZONE, CHANNEL, CutoverHarness.GROUP, APPROVER));

        long started = System.nanoTime();
        var refused = h.swap(PAIR, REQUESTER);
        Duration ackedAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(ackedAfter).isLessThan(Duration.ofSeconds(1));
        // The ack says the request is being opened; the refusal, which needed the directory, follows it.
        assertThat(refused.ackText()).contains("Opening a swap request for *blue-green*…");
        assertThat(awaitResponse(refused.responseName()))
                .contains("not allowed to request changes of *blue-green*", CutoverHarness.GROUP);
        assertThat(slack.posts()).isEmpty();

        // The group's members are cached now: a member's request is opened and posted.
        var accepted = h.swap(PAIR, SlackFake.GROUP_MEMBER);
        assertThat(accepted.status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() == 1);
        assertThat(slack.responses(accepted.responseName())).isEmpty();
    }
}
