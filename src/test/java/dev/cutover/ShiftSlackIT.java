package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.CHANNEL;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.Weights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /shift} end to end: signed requests into the real server and Bolt app, WireMock as the
 * Slack Web API and as Route 53 (weighted records in its REST-XML), the real Redis.
 */
class ShiftSlackIT extends SlackAndRoute53Fakes {
    static final String TRAFFIC = "    traffic:\n"
            + "      backend: route53-weighted\n"
            + "      name: api.example.com\n"
            + "      blue: api-blue\n"
            + "      green: api-green\n"
            + "      bake: 10m\n";

    CutoverHarness start() {
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false) + TRAFFIC);
        route53.listReturns(Route53Fake.fixture("list-resource-record-sets-weighted.xml"));
        return h;
    }

    ShiftService shifts() {
        return h.bot.shifts().orElseThrow();
    }

    Shift requested() {
        int before = slack.posts().size();
        assertThat(h.command("shift", PAIR + " 50 100", REQUESTER, CHANNEL).status())
                .isEqualTo(200);
        eventually().until(() -> slack.posts().size() > before);
        eventually()
                .until(() -> shifts().latest(PAIR).map(s -> s.message() != null).orElse(false));
        return shifts().latest(PAIR).orElseThrow();
    }

    @Test
    void aShiftIsRequestedApprovedAndItsFirstStepIsOneChangeBatchOfBothWeightedRecords() {
        start();
        Shift s = requested();
        assertThat(s.plan().start()).isEqualTo(new Weights(90, 10));
        assertThat(SlackFake.textAndBlocks(slack.posts().get(slack.posts().size() - 1)))
                .contains("Traffic shift of blue-green · pending", "Approve", "Abort");

        assertThat(h.click("shift.approve", s.id(), APPROVER).status()).isEqualTo(200);

        eventually().until(() -> route53.changeBodies().size() == 1);
        String body = route53.changeBodies().get(0);
        assertThat(body)
                .contains("<Action>DELETE</Action>", "<Action>CREATE</Action>", "<Weight>90</Weight>")
                .contains("<SetIdentifier>api-green</SetIdentifier>", "<Weight>50</Weight>")
                .doesNotContain("UPSERT");
        eventually().until(() -> shifts().get(s.id()).orElseThrow().state() == ShiftState.BAKING);
        // The bake starts only when Route 53 reports the change INSYNC, which the sweep asks for.
        eventually().until(() -> slack.lastUpdate().contains("Traffic shift of blue-green · propagating"));
        eventually().until(() -> slack.threadTexts().stream().anyMatch(t -> t.contains("Step 1 of 2 applied")));
        assertThat(shifts().get(s.id()).orElseThrow().change()).isEqualTo("C0123456789ABCDEFGHIJ");
        assertThat(route53.getChangeCount()).isZero();

        h.bot.startShiftSweep();

        eventually().until(() -> slack.lastUpdate().contains("Traffic shift of blue-green · baking"));
        assertThat(route53.getChangeCount()).isPositive();
        assertThat(shifts().get(s.id()).orElseThrow().deadline()).isNotNull();
        eventually().until(() -> slack.threadTexts().stream()
                .anyMatch(t -> t.contains("Step 1 of 2 is live everywhere (Route 53 INSYNC)")));
    }

    @Test
    void promoteByTheRequesterIsRefusedAndAbortByAnotherRequesterGoesBack() {
        start();
        Shift s = requested();
        h.click("shift.approve", s.id(), APPROVER);
        eventually().until(() -> shifts().get(s.id()).orElseThrow().state() == ShiftState.BAKING);

        var promote = h.click("shift.promote", s.id(), REQUESTER);
        eventually().until(() -> !slack.responses(promote.responseName()).isEmpty());
        assertThat(slack.responses(promote.responseName()).get(0).toString()).contains("no_entry");
        assertThat(shifts().get(s.id()).orElseThrow().step()).isZero();

        route53.listReturns(Route53Fake.fixture("list-resource-record-sets-weighted.xml")
                .replace("<Weight>90</Weight>", "<Weight>50</Weight>")
                .replace("<Weight>10</Weight>", "<Weight>50</Weight>"));
        h.click("shift.abort", s.id(), "U0000000042");

        eventually().until(() -> shifts().get(s.id()).orElseThrow().state() == ShiftState.ABORTED);
        List<String> bodies = route53.changeBodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).contains("<Weight>100</Weight>", "<Weight>0</Weight>");
        assertThat(h.store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aPendingShiftIsApprovedFromTheApproversHomeAndTheChannelMessageFollows() {
        start();
        Shift s = requested();
        assertThat(h.homeOpened(APPROVER).statusCode()).isEqualTo(200);
        eventually().until(() -> slack.calls("views.publish").stream()
                .anyMatch(c -> APPROVER.equals(c.get("user_id"))
                        && SlackFake.buttons(SlackFake.json(c.get("view"))
                                        .path("blocks")
                                        .toString())
                                .equals(List.of("shift.approve", "shift.abort"))));

        assertThat(h.homeClick("shift.approve", s.id(), APPROVER).statusCode()).isEqualTo(200);

        eventually().until(() -> shifts().get(s.id()).orElseThrow().state() == ShiftState.BAKING);
        assertThat(route53.changeBodies()).hasSize(1);
        h.bot.startShiftSweep();
        eventually().until(() -> slack.lastUpdate().contains("Traffic shift of blue-green · baking"));
        // The Home follows: the shift is baking, no longer waiting for the approver.
        eventually().until(() -> {
            var homes = slack.calls("views.publish").stream()
                    .filter(c -> APPROVER.equals(c.get("user_id")))
                    .toList();
            String last = homes.get(homes.size() - 1).get("view");
            return last.contains("baking, step 1 of 2") && !last.contains("shift.approve");
        });
    }
}
