package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Decision;
import dev.cutover.core.approval.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The approvers of a swap see that a guard alarm will roll it back without asking them. */
class SwapMessagesRollbackOnAlarmTest {
    @Test
    void aSwapOfAPairWithRollbackOnAlarmSaysWhichAlarmsRollItBack() {
        ApprovalRequest r = Requests.pending("r1", "shop");

        String with =
                SwapMessages.request(r, false, List.of("shop-5xx", "<!here>")).toString();
        String without = SwapMessages.request(r, false).toString();

        assertThat(with)
                .contains("Rollback on alarm:")
                .contains("`shop-5xx`")
                .contains("&lt;!here&gt;")
                .contains("rollbackOnAlarm");
        assertThat(without).doesNotContain("Rollback on alarm");
    }

    @Test
    void aPreApprovedRollbackShowsWhoAndWhy() {
        ApprovalRequest r = new ApprovalRequest(
                        "r2",
                        1,
                        ChangeKind.ROLLBACK,
                        Requests.mixedPlan("shop"),
                        "system",
                        "C-OPS",
                        null,
                        ApprovalState.PENDING,
                        2,
                        Requests.NOW,
                        Requests.NOW.plusSeconds(900),
                        List.of(),
                        null,
                        null,
                        null)
                .preApproved(new Decision(
                        "system",
                        Requests.NOW,
                        "guard alarm shop-5xx is ALARM (pre-approved by rollbackOnAlarm)",
                        false));

        assertThat(r.state()).isEqualTo(ApprovalState.APPROVED);
        String shown = SwapMessages.request(r, false, List.of("shop-5xx")).toString();
        assertThat(shown)
                .contains("Approved by the bot")
                .contains("pre-approved by rollbackOnAlarm")
                .doesNotContain("Rollback on alarm:");
    }
}
