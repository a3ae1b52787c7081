package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.home.OpenIncident;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.Weights;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Home's blocks, per user, within Slack's 100 blocks of a view. */
class HomeViewTest {
    static final Instant NOW = Requests.NOW;
    static final ApprovalPolicy POLICY =
            new ApprovalPolicy(Set.of(), Set.of(), Set.of("U-ALICE"), 1, Duration.ofMinutes(15), false);

    static HomeData.Pair pair(String name, ApprovalRequest request) {
        return new HomeData.Pair(
                name,
                POLICY,
                "blue." + name + ".example.com",
                Optional.of("A alias blue-alb"),
                true,
                null,
                request,
                null,
                null);
    }

    /** A shift of pair {@code api} to 10%, 50% and 100% green, waiting for one approval. */
    static Shift shift(String requester) {
        ShiftPlan plan = ShiftPlan.of(
                "api", new Weights(100, 0), List.of(10, 50, 100), 100, Duration.ofMinutes(5), ShiftPlan.OnAlarm.HALT);
        return Shift.requested("s1", plan, requester, "C-OPS", 1, NOW, Duration.ofMinutes(15));
    }

    @Test
    void aPendingShiftHasTheChannelsApproveAndAbortForAnApproverAndAbortForItsRequester() {
        HomeData.Pair p = new HomeData.Pair(
                "api", POLICY, "blue.api.example.com", Optional.empty(), true, null, null, shift("U-CAROL"), null);
        HomeData d = data(List.of(p), List.of(), List.of());

        assertThat(buttons(HomeView.render(d, "U-ALICE", Set.of("s1"), null)))
                .extracting(Button::actionId)
                .containsExactly(ShiftMessages.APPROVE, ShiftMessages.ABORT);
        assertThat(buttons(HomeView.render(d, "U-CAROL", Set.of(), null)))
                .extracting(Button::actionId)
                .containsExactly(ShiftMessages.ABORT);
        assertThat(buttons(HomeView.render(d, "U-DAVE", Set.of(), null))).isEmpty();
    }

    static HomeData data(List<HomeData.Pair> pairs, List<HomeData.Job> jobs, List<OpenIncident> incidents) {
        return new HomeData(pairs, jobs, incidents, List.of(), NOW);
    }

    static List<Button> buttons(Message m) {
        return m.blocks().stream()
                .filter(b -> b instanceof Block.Actions)
                .flatMap(b -> ((Block.Actions) b).buttons().stream())
                .toList();
    }

    static String text(Message m) {
        return m.blocks().toString();
    }

    @Test
    void whoMayDecideGetsTheChannelsApproveAndRejectAndOthersOnlyTheState() {
        ApprovalRequest r = Requests.pending("req-1", "api");
        HomeData d = data(List.of(pair("api", r)), List.of(), List.of());

        Message approver = HomeView.render(d, "U-ALICE", Set.of("req-1"), null);
        Message other = HomeView.render(d, "U-DAVE", Set.of(), null);

        assertThat(buttons(approver)).isEqualTo(SwapMessages.decisionButtons(r));
        assertThat(buttons(approver))
                .extracting(Button::actionId)
                .containsExactly(SwapMessages.APPROVE, SwapMessages.REJECT);
        assertThat(buttons(approver)).allSatisfy(b -> assertThat(b.confirm()).isNotNull());
        assertThat(buttons(other)).isEmpty();
        assertThat(text(other))
                .contains(
                        "`api`",
                        "blue.api.example.com → A alias blue-alb",
                        "not frozen",
                        "waiting for approval (0 of 2)");
    }

    @Test
    void theRequesterSeesTheirPendingRequestWithCancel() {
        ApprovalRequest r = Requests.pending("req-1", "api");

        Message m = HomeView.render(data(List.of(pair("api", r)), List.of(), List.of()), "U-REQUESTER", Set.of(), null);

        assertThat(buttons(m)).containsExactly(SwapMessages.cancelButton(r));
    }

    @Test
    void fortyPairsWaitingForTheViewersApprovalStayWithinOneHundredBlocks() {
        List<HomeData.Pair> pairs = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> pair("pair-" + i, Requests.pending("req-" + i, "pair-" + i)))
                .toList();
        Set<String> all = Set.copyOf(pairs.stream().map(p -> p.request().id()).toList());
        List<OpenIncident> incidents = IntStream.range(0, 300)
                .mapToObj(
                        i -> new OpenIncident("queue", "q-" + i, "critical", NOW, new MessageRef("C1", "1.00000" + i)))
                .toList();
        List<HomeData.Job> jobs = IntStream.range(0, 300)
                .mapToObj(i -> new HomeData.Job(
                        Jobs.spec("job-" + i, "0 0 3 * * ?", ScriptedTarget.succeeding()),
                        false,
                        Optional.of(NOW.plusSeconds(3600)),
                        Optional.empty(),
                        null))
                .toList();

        Message m = HomeView.render(data(pairs, jobs, incidents), "U-ALICE", all, "a notice");

        assertThat(m.blocks()).hasSizeLessThanOrEqualTo(HomeView.BLOCKS);
        assertThat(MessageLimits.violations(m, MessageLimits.VIEW_BLOCKS)).isEmpty();
        assertThat(text(m)).contains("Scheduled jobs", "Open incidents", "…and", "a notice");
        assertThat(shownPlusCounted(m)).isEqualTo(40);
    }

    @Test
    void pairsBeyondTheBudgetAreCountedNotDropped() {
        List<HomeData.Pair> pairs = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> pair("pair-" + i, Requests.pending("req-" + i, "pair-" + i)))
                .toList();
        Set<String> all = Set.copyOf(pairs.stream().map(p -> p.request().id()).toList());

        Message m = HomeView.render(data(pairs, List.of(), List.of()), "U-ALICE", all, null);

        assertThat(m.blocks()).hasSizeLessThanOrEqualTo(HomeView.BLOCKS);
        assertThat(text(m)).containsPattern("…and \\d+ more pairs — `/cutover status` lists them all");
        assertThat(shownPlusCounted(m)).isEqualTo(60);
    }

    /** The pairs a view shows plus those its "…and N more pairs" counts. */
    static int shownPlusCounted(Message m) {
        String t = text(m);
        int shown = t.split("\\*`pair-", -1).length - 1;
        java.util.regex.Matcher more =
                java.util.regex.Pattern.compile("…and (\\d+) more pairs").matcher(t);
        return shown + (more.find() ? Integer.parseInt(more.group(1)) : 0);
    }

    @Test
    void fortyPairsWithoutButtonsAllShowInAFewSections() {
        List<HomeData.Pair> pairs = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> pair("pair-" + i, null))
                .toList();

        Message m = HomeView.render(data(pairs, List.of(), List.of()), "U-ALICE", Set.of(), null);

        assertThat(m.blocks()).hasSizeLessThan(20);
        assertThat(text(m)).contains("`pair-1`", "`pair-40`").doesNotContain("more pairs");
    }

    @Test
    void whatCouldNotBeReadIsSaidAtTheTop() {
        HomeData d =
                new HomeData(List.of(), List.of(), List.of(), List.of("open incidents", "the history of nightly"), NOW);

        String t = text(HomeView.render(d, "U-X", Set.of(), null));

        assertThat(t).contains(":warning: Could not read open incidents, the history of nightly (see the bot's log)");
    }

    @Test
    void aPairWhoseStoreCannotBeReadSaysSoInsteadOfNotFrozen() {
        HomeData.Pair unknown = new HomeData.Pair(
                "api", POLICY, "blue.api.example.com", Optional.of("A alias blue-alb"), false, null, null, null, null);

        String t = text(HomeView.render(data(List.of(unknown), List.of(), List.of()), "U-X", Set.of(), null));

        assertThat(t)
                .contains("cannot read its freeze and requests from the store")
                .doesNotContain("not frozen");
    }

    @Test
    void aShiftThatHaltedPartwayIsShownAsNeedingAttention() {
        Shift halted = shift("U-CAROL")
                .baking(0, NOW, NOW.plus(Duration.ofMinutes(5)), new Weights(100, 0))
                .ended(dev.cutover.core.traffic.ShiftState.HALTED, "p95 too high");
        HomeData.Pair p = new HomeData.Pair(
                "api", POLICY, "blue.api.example.com", Optional.empty(), true, null, null, halted, null);

        String t = text(HomeView.render(data(List.of(p), List.of(), List.of()), "U-X", Set.of(), null));

        assertThat(t)
                .contains("Shift `s1` by <@U-CAROL>: :warning: halted at blue 90% / green 10% — Abort takes green"
                        + " back to 0%");
    }

    @Test
    void aFrozenPairAJobAndAnIncidentSayWhoWhenAndWhere() {
        HomeData.Pair frozen = new HomeData.Pair(
                "api",
                POLICY,
                "blue.api.example.com",
                Optional.empty(),
                true,
                new Freeze("U-BOB", "release <week> *now*", NOW),
                null,
                shift("U-CAROL"),
                new MessageRef("C1", "1700000001.000200"));
        RunRecord last = new RunRecord(
                "nightly",
                "f1",
                NOW,
                "scheduled",
                NOW,
                NOW.plusSeconds(2),
                1,
                RunRecord.Result.SUCCEEDED,
                0,
                "",
                Map.of());
        HomeData.Job job = new HomeData.Job(
                Jobs.spec("nightly", "0 0 3 * * ?", ScriptedTarget.succeeding()),
                true,
                Optional.empty(),
                Optional.of(last),
                new HomeData.Running("host-1-42", 1234567L));
        OpenIncident incident =
                new OpenIncident("queue", "orders", "warning", NOW, new MessageRef("C1", "1700000000.000100"));

        String t = text(HomeView.render(data(List.of(frozen), List.of(job), List.of(incident)), "U-X", Set.of(), null));

        assertThat(t)
                .contains("cannot read the records from Route 53")
                .contains("*frozen* by <@U-BOB> since <!date^" + NOW.getEpochSecond())
                .contains("release &lt;week&gt; \u2217now\u2217")
                .doesNotContain("*now*")
                .contains("Shift `s1` by <@U-CAROL>: waiting for approval (0 of 1) · blue 100% / green 0%")
                .contains("cutover watch open · <https://slack.com/archives/C1/p1700000001000200|its message>")
                .contains("*nightly*", "paused", "last: succeeded (1 attempt")
                .contains("running now on `host-1-42` (fencing token 1234567)")
                .contains("*warning* queue `orders` since <!date^")
                .contains("<https://slack.com/archives/C1/p1700000000000100|message>");
    }
}
