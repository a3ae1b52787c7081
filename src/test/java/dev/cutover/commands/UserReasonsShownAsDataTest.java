package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.Decision;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.reply.Mrkdwn;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/**
 * Reasons typed by users (freeze, reject, break-glass, cancel) are shown in channel messages as
 * data: no bold, italics, strike-through, code or mention can come from them.
 */
class UserReasonsShownAsDataTest {
    static final String STYLED = "*x* _y_ ~z~ `c` ```block``` <!channel> keep snake_case";

    final SwapPlan plan = Requests.mixedPlan("blue-green");
    final RecordingNotifier notifier = new RecordingNotifier();
    final DnsRecords dns = new DnsRecords() {
        @Override
        public List<RecordSet> read(String zoneId, String name) {
            return name.equals(plan.pair().blue()) ? plan.blueBefore() : plan.greenBefore();
        }

        @Override
        public String submit(String zoneId, List<RecordChange> changes, String comment) {
            return "C0000000000000000001";
        }

        @Override
        public Duration awaitInsync(String changeId, Duration timeout) {
            return Duration.ofSeconds(1);
        }
    };
    final SwapWiring swaps = SwapWiring.build(
            PairCatalogs.of(List.of(new SwapPairConfig(
                    "blue-green",
                    "Z0EXAMPLE",
                    plan.pair().blue(),
                    plan.pair().green(),
                    null,
                    null,
                    List.of("U0BOB"),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null))),
            dns,
            new InMemoryApprovalStore(),
            new InMemoryAuditLog(),
            group -> Set.of(),
            notifier,
            Clock.fixed(Requests.NOW, ZoneOffset.UTC),
            () -> "req-1",
            Duration.ofSeconds(1),
            applied -> {},
            Rechecks.NONE);
    final List<String> told = new CopyOnWriteArrayList<>();
    final Responder responder = new Responder() {
        @Override
        public void ephemeral(Message message) {
            told.add(message.text());
        }

        @Override
        public void replaceOriginal(Message message) {
            told.add(message.text());
        }
    };

    static void assertNoFormatting(String shown) {
        AbstractStringAssert<?> a = assertThat(shown);
        a.doesNotContain("<!channel>")
                .contains("&lt;!channel&gt;")
                .doesNotContain("*x*")
                .doesNotContain("_y_")
                .doesNotContain("~z~")
                .doesNotContain("`c`")
                .doesNotContain("```")
                .contains("snake_case");
    }

    CommandResult swap(String text) {
        ChatCommand swap = swaps.commands().stream()
                .filter(c -> c.name().equals("swap"))
                .findFirst()
                .orElseThrow();
        CommandResult r = swap.handle(new Invocation("swap", text, "U0ALICE", "C0OPS", responder));
        if (r.followUp() != null) {
            r.followUp().run();
        }
        return r;
    }

    @Test
    void userTextKeepsItsCharactersButNoFormatting() {
        String shown = Mrkdwn.userText(STYLED);

        assertNoFormatting(shown);
        assertThat(shown)
                .isEqualTo(
                        "\u2217x\u2217 \u02CDy\u02CD \u223Cz\u223C \u02BCc\u02BC \u02BC\u02BC\u02BCblock\u02BC\u02BC\u02BC"
                                + " &lt;!channel&gt; keep snake_case");
    }

    @Test
    void aFreezeReasonIsAnnouncedAsData() {
        swap("freeze blue-green " + STYLED);

        assertThat(notifier.texts()).hasSize(1);
        String announced = notifier.texts().get(0);
        assertThat(announced).startsWith(":snowflake: *blue-green* is frozen by <@U0ALICE>: ");
        assertNoFormatting(announced);
    }

    @Test
    void theFreezeReasonInARefusalAndInTheHistoryIsData() {
        swap("freeze blue-green " + STYLED);

        String refusal = RefusalText.of(new Refusal.Frozen("blue-green", new Freeze("U0ALICE", STYLED, Requests.NOW)));
        assertNoFormatting(refusal);

        swap("history blue-green");
        assertThat(told).isNotEmpty();
        assertNoFormatting(told.get(told.size() - 1));
    }

    @Test
    void breakGlassRejectAndCancelReasonsOnTheRequestMessageAreData() {
        ApprovalRequest breakGlass = Requests.pending("req-1", "blue-green")
                .withApproval(new Decision("U-REQUESTER", Requests.NOW.plusSeconds(60), STYLED, true));
        ApprovalRequest rejected = Requests.pending("req-2", "blue-green")
                .closed(ApprovalState.REJECTED, new Decision("U0BOB", Requests.NOW.plusSeconds(60), STYLED, false));
        ApprovalRequest cancelled = Requests.pending("req-3", "blue-green")
                .closed(
                        ApprovalState.CANCELLED,
                        new Decision("U-REQUESTER", Requests.NOW.plusSeconds(60), STYLED, false));

        for (ApprovalRequest r : List.of(breakGlass, rejected, cancelled)) {
            Message m = SwapMessages.request(r, false);
            String all = m.text() + m.blocks();
            assertThat(all).as(r.id()).contains("&lt;!channel&gt;");
            assertNoFormatting(all);
        }
    }
}
