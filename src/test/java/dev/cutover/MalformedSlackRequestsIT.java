package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.chat.slack.SlackTestSigner;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.logging.FormattedLogCapture;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signed requests that Slack would never send (or sends only after the bot changed): each gets a
 * clear answer, never a 500, and changes nothing.
 */
class MalformedSlackRequestsIT extends SlackAndRoute53Fakes {

    String id;

    @BeforeEach
    void start() {
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", true));
        h.swap(PAIR, REQUESTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.posts().size() == 1);
        id = slack.requestIdOfLastPost();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
    }

    @Test
    void aClickWithoutAUserIsABadRequest() {
        ObjectNode click = clickPayload();
        click.remove("user");

        HttpResponse<String> r = postPayload(click.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_id", "channel_id", "text"})
    void aCommandWithoutARequiredFieldIsABadRequestLoggedOnce(String field) {
        String body = "token=legacy0001&team_id=T0000000001&channel_id=" + CHANNEL + "&user_id=" + REQUESTER
                + "&command=%2Fswap&text=" + PAIR + "&response_url="
                + CutoverHarness.enc(slack.responseUrl("no-" + field));
        String without = body.replaceAll("(^|&)" + field + "=[^&]*", "");

        try (FormattedLogCapture log = new FormattedLogCapture()) {
            HttpResponse<String> r = h.post(without.getBytes(StandardCharsets.UTF_8), Map.of());

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("missing " + field);
            assertThat(log.lines())
                    .filteredOn(l -> l.contains("BoltExchangeHandler"))
                    .singleElement()
                    .asString()
                    .contains("without " + field, "answered 400");
            assertThat(log.lines()).noneMatch(l -> l.contains("NullPointerException"));
        }
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void aClickWithAnEmptyUserIdOrNoActionsIsABadRequest() {
        ObjectNode emptyUser = clickPayload();
        ((ObjectNode) emptyUser.get("user")).put("id", "");
        ObjectNode noActions = clickPayload();
        noActions.putArray("actions");

        assertThat(postPayload(emptyUser.toString()).statusCode()).isEqualTo(400);
        assertThat(postPayload(noActions.toString()).statusCode()).isEqualTo(400);
        assertUnchanged();
    }

    @Test
    void aPayloadThatIsNotJsonIsABadRequest() {
        HttpResponse<String> r = h.post("payload=not%20json".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(r.statusCode()).isEqualTo(400);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{}", "{\"actionId\":\"swap.nuke\",\"value\":\"ID\"}", ""})
    void aModalWithUnusablePrivateMetadataSaysSoInTheModal(String metadata) {
        HttpResponse<String> r =
                postPayload(submission(metadata.replace("ID", id), true).toString());

        assertModalError(r);
    }

    @Test
    void aModalWithoutItsInputSaysSoInTheModal() {
        String metadata = "{\"actionId\":\"" + SwapMessages.BREAK_GLASS + "\",\"value\":\"" + id + "\"}";

        HttpResponse<String> r = postPayload(submission(metadata, false).toString());

        assertModalError(r);
    }

    void assertModalError(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode ack = SlackFake.json(r.body());
        assertThat(ack.path("response_action").asText()).isEqualTo("errors");
        assertThat(ack.path("errors").path("reason").asText()).contains("click the button again");
        assertUnchanged();
    }

    void assertUnchanged() {
        assertThat(h.store.get(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(route53.changeBodies()).isEmpty();
    }

    ObjectNode clickPayload() {
        String form = new String(h.clickBody(SwapMessages.APPROVE, id, APPROVER, "malformed"), StandardCharsets.UTF_8);
        return (ObjectNode)
                SlackFake.json(URLDecoder.decode(form.substring("payload=".length()), StandardCharsets.UTF_8));
    }

    static ObjectNode submission(String privateMetadata, boolean withInput) {
        ObjectNode p = SlackFake.JSON.createObjectNode();
        p.put("type", "view_submission");
        p.putObject("team").put("id", "T0000000001").put("domain", "example");
        p.putObject("user").put("id", REQUESTER).put("team_id", "T0000000001");
        p.put("api_app_id", "A0000000001");
        ObjectNode v = p.putObject("view");
        v.put("id", "V0000000001");
        v.put("type", "modal");
        v.put("callback_id", "cutover.input");
        v.put("private_metadata", privateMetadata);
        ObjectNode values = v.putObject("state").putObject("values");
        if (withInput) {
            values.putObject("reason")
                    .putObject("text")
                    .put("type", "plain_text_input")
                    .put("value", "prod down");
        }
        return p;
    }

    HttpResponse<String> postPayload(String json) {
        return h.post(SlackTestSigner.interactivePayloadForm(json), Map.of());
    }
}
