package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.Rechecks;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Before the ack, {@code /swap} and {@code /rollback} read only the pair catalog: every port that
 * calls out (store, directory, audit log, DNS, chat) fails this test when it is touched.
 */
class SwapPreAckTest {
    final List<String> touched = new CopyOnWriteArrayList<>();
    final SwapWiring swaps = SwapWiring.build(
            PairCatalogs.of(List.of(new SwapPairConfig(
                    "blue-green",
                    "Z0EXAMPLE",
                    "blue.example.com",
                    "green.example.com",
                    List.of("C0OPS"),
                    List.of("S0REQUESTERS"),
                    List.of("U0BOB"),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null))),
            untouchable(DnsRecords.class),
            untouchable(ApprovalStore.class),
            untouchable(AuditLog.class),
            untouchable(Directory.class),
            untouchable(Notifier.class),
            Clock.systemUTC(),
            () -> "req-1",
            Duration.ofSeconds(1),
            applied -> {},
            Rechecks.NONE);

    @Test
    void everySwapAndRollbackCommandAcksWithoutCallingOut() {
        for (String text : List.of(
                "",
                "blue-green",
                "blue-green dry-run",
                "freeze blue-green release week",
                "unfreeze blue-green",
                "history blue-green",
                "help",
                "purple")) {
            CommandResult r = command("swap").handle(invocation("swap", text, "C0OPS"));
            assertThat(r).as(text).isNotNull();
        }
        command("rollback").handle(invocation("rollback", "blue-green", "C0OPS"));
        command("rollback").handle(invocation("rollback", "", "C0OPS"));

        assertThat(touched).isEmpty();
    }

    @Test
    void aFreezeReasonTooLongToKeepIsRefusedAtOnce() {
        CommandResult r = command("swap").handle(invocation("swap", "freeze blue-green " + "x".repeat(501), "C0OPS"));

        assertThat(r.followUp()).isNull();
        assertThat(r.ephemeral().text()).contains("The reason is 501 characters long; at most 500 are accepted");
        assertThat(command("swap")
                        .handle(invocation("swap", "freeze blue-green " + "x".repeat(500), "C0OPS"))
                        .followUp())
                .isNotNull();
        assertThat(touched).isEmpty();
    }

    @Test
    void unexpectedWordsAreEchoedCutAndAsDataNotMarkup() {
        String typed = "dry-run <!channel> `oops` " + "y".repeat(5000);
        CommandResult r = command("swap").handle(invocation("swap", "blue-green " + typed, "C0OPS"));

        String reply = r.ephemeral().text();
        assertThat(reply).startsWith(":no_entry: Unexpected `dry-run &lt;!channel&gt; \u02BCoops\u02BC y");
        assertThat(reply).contains("…`. Usage:").doesNotContain("<!channel>").hasSizeLessThan(400);
    }

    @Test
    void theSlowChecksRunInTheFollowUp() {
        CommandResult r = command("swap").handle(invocation("swap", "blue-green", "C0OPS"));

        // The ack says what is under way, from the words typed and the config alone.
        assertThat(r.ephemeral().text()).isEqualTo(":hourglass_flowing_sand: Opening a swap request for *blue-green*…");
        assertThat(r.followUp()).isNotNull();
        try {
            r.followUp().run();
        } catch (AssertionError expected) {
            // The untouchable store or directory refused: the follow-up is where they are asked.
        }
        assertThat(touched).isNotEmpty();
    }

    @Test
    void theAcksOfARollbackAndADryRunSayWhatIsUnderWay() {
        CommandResult rollback = command("rollback").handle(invocation("rollback", "blue-green", "C0OPS"));
        CommandResult dryRun = command("swap").handle(invocation("swap", "blue-green dry-run", "C0OPS"));

        assertThat(rollback.ephemeral().text()).contains("Opening a rollback request for *blue-green*…");
        assertThat(dryRun.ephemeral().text()).contains("Planning a dry run of *blue-green*…");
        assertThat(rollback.followUp()).isNotNull();
        assertThat(dryRun.followUp()).isNotNull();
        assertThat(touched).isEmpty();
    }

    @Test
    void theAckNamesThePairAsDataAndBounded() {
        String ack = SwapReplies.opening(ChangeKind.SWAP, "<!channel>&" + "p".repeat(500));

        assertThat(ack)
                .contains("*&lt;!channel&gt;&amp;p")
                .doesNotContain("<!channel>")
                .endsWith("…*…");
        assertThat(ack).hasSizeLessThan(SwapReplies.PAIR_IN_ACK + 120);
    }

    @Test
    void theWrongChannelIsRefusedBeforeTheAckFromThePolicyAlone() {
        CommandResult r = command("swap").handle(invocation("swap", "blue-green", "C0RANDOM"));

        assertThat(r.followUp()).isNull();
        assertThat(r.ephemeral().text())
                .isEqualTo(":no_entry: Changes of *blue-green* can be requested only in <#C0OPS>.");
        assertThat(touched).isEmpty();
    }

    ChatCommand command(String name) {
        return swaps.commands().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    Invocation invocation(String command, String text, String channel) {
        return new Invocation(command, text, "U0ALICE", channel, untouchable(Responder.class));
    }

    <T> T untouchable(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? port.getSimpleName() : m.invoke(this, args);
            }
            touched.add(port.getSimpleName() + "." + m.getName());
            throw new AssertionError(port.getSimpleName() + "." + m.getName() + " called");
        }));
    }
}
