package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.audit.AuditLines;
import dev.cutover.logging.FormattedLogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON log ({@code CUTOVER_LOG_FORMAT=json}) of a whole cutover through the real Slack path:
 * every line is one JSON object, and one search for the request id finds its lines from the slash
 * command to INSYNC, each naming the pair, the Slack user who acted and, once submitted, the change.
 * No secret appears in it.
 */
class JsonLogSwapIT extends SlackAndRoute53Fakes {
    static final String CHANGE_ID = "C0123456789ABCDEFGHIJ";

    FormattedLogCapture log;

    @BeforeEach
    void start() {
        log = FormattedLogCapture.json();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void theRequestIdFollowsASwapFromTheCommandToInsync() {
        route53.pendingOnceThenInsync();
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));

        assertThat(h.swap(PAIR, REQUESTER).status()).isEqualTo(200);
        eventually().until(() -> slack.posts().size() == 1);
        String id = slack.requestIdOfLastPost();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        assertThat(h.click(SwapMessages.APPROVE, id, APPROVER).status()).isEqualTo(200);
        eventually().until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == ApprovalState.DONE);
        eventually().until(() -> audit(id).stream().anyMatch(l -> action(l).equals("done")));

        List<JsonNode> lines = log.jsonLines(); // every line parses, or this fails naming it
        List<JsonNode> ofRequest = lines.stream()
                .filter(l -> id.equals(l.path("mdc").path("requestId").asText()))
                .toList();
        assertThat(ofRequest)
                .allSatisfy(l -> assertThat(l.path("mdc").path("pair").asText()).isEqualTo(PAIR));
        // The request, by the requester, from the slash command's follow-up.
        JsonNode requested = the(audit(id), "requested");
        assertThat(requested.path("mdc").path("slackUser").asText()).isEqualTo(REQUESTER);
        // The approval and the apply, by the approver, from the click's follow-up.
        JsonNode approved = the(audit(id), "approved");
        assertThat(approved.path("mdc").path("slackUser").asText()).isEqualTo(APPROVER);
        JsonNode submitted = ofRequest.stream()
                .filter(l -> l.path("formattedMessage").asText().startsWith("submitted change " + CHANGE_ID))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no submitted line for " + id + " in " + lines));
        assertThat(submitted.path("mdc").path("changeId").asText()).isEqualTo(CHANGE_ID);
        assertThat(submitted.path("mdc").path("slackUser").asText()).isEqualTo(APPROVER);
        // INSYNC: the request ends done, in the same context.
        JsonNode done = the(audit(id), "done");
        assertThat(done.path("mdc").path("changeId").asText()).isEqualTo(CHANGE_ID);
        assertThat(ofRequest).containsSubsequence(requested, approved, submitted, done);
        // One plain search for the id finds all of them.
        assertThat(log.lines().stream().filter(l -> l.contains(id)).count()).isGreaterThanOrEqualTo(ofRequest.size());

        assertThat(log.text())
                .doesNotContain(CutoverHarness.SECRET)
                .doesNotContain("xoxb-test")
                .doesNotContain("test-secret")
                .doesNotContain("AKIDTESTTESTTEST");
    }

    /** The audit lines of request {@code id}, in order. */
    List<JsonNode> audit(String id) {
        return log.jsonLines().stream()
                .filter(l -> l.path("loggerName").asText().equals(AuditLines.LOGGER_NAME))
                .filter(l -> id.equals(l.path("mdc").path("requestId").asText()))
                .toList();
    }

    static String action(JsonNode auditLine) {
        return FormattedLogCapture.keyValues(auditLine).getOrDefault("action", "");
    }

    static JsonNode the(List<JsonNode> audit, String action) {
        return audit.stream()
                .filter(l -> action(l).equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit line " + action + " in " + audit));
    }
}
