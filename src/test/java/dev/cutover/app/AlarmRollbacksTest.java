package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryDnsRecords;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A guard alarm's rollback that cannot start says so in its channel, not only in the log. */
class AlarmRollbacksTest {
    @Test
    void aRollbackWithNothingToRollBackSaysWhyInTheChannel() {
        RecordingNotifier chat = new RecordingNotifier();
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        SwapWiring swaps = SwapWiring.build(
                PairCatalogs.of(List.of(new SwapPairConfig(
                        "shop",
                        "Z0EXAMPLE",
                        "blue.example.com",
                        "green.example.com",
                        List.of(),
                        List.of(),
                        List.of("U0BOB"),
                        1,
                        null,
                        null,
                        null,
                        List.of("shop-5xx"),
                        true))),
                new InMemoryDnsRecords(Clock.systemUTC(), Duration.ZERO),
                store,
                new InMemoryAuditLog(),
                group -> Set.of(),
                chat,
                Clock.systemUTC(),
                () -> "req-1",
                Duration.ofSeconds(1),
                applied -> {},
                Rechecks.NONE);

        String line = new AlarmRollbacks(swaps.workflow(), Runnable::run, chat)
                .start("shop", "guard alarm shop-5xx is ALARM (pre-approved by rollbackOnAlarm)", "C0OPS");

        assertThat(line).contains("Rolling back *shop*").contains("<#C0OPS>");
        assertThat(chat.posts).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("C0OPS");
            assertThat(p.message().text())
                    .startsWith(":warning: The rollback of *shop* that guard alarm shop-5xx is ALARM")
                    .contains("did not start: ");
        });
        assertThat(store.openRequest("shop")).isEmpty();
    }
}
