package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The request message never goes back to an older state when two decisions race. */
class SwapWorkflowShowTest {
    static final MessageRef REF = new MessageRef("C0000000001", "1700000000.000100");

    final List<String> shown = new CopyOnWriteArrayList<>();
    final CountDownLatch firstIsShowing = new CountDownLatch(1);
    final CountDownLatch secondShown = new CountDownLatch(1);

    /** Holds the first approver's update (a stale "pending") until the second one's is shown, or 1 s. */
    final Notifier notifier = new Notifier() {
        @Override
        public MessageRef post(String channel, Message message) {
            return REF;
        }

        @Override
        public MessageRef reply(MessageRef parent, Message message) {
            return REF;
        }

        @Override
        public void update(MessageRef ref, Supplier<Message> current) {
            update(ref, current.get());
        }

        @Override
        public void update(MessageRef ref, Message message) {
            if (message.text().endsWith(": pending")) {
                firstIsShowing.countDown();
                try {
                    secondShown.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            shown.add(message.text());
            if (message.text().endsWith(": approved")) {
                secondShown.countDown();
            }
        }
    };

    @Test
    void twoApproversAtOnceNeverLeaveTheMessageShowingAnOlderState() throws Exception {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Clock clock = Clock.fixed(Requests.NOW, ZoneOffset.UTC);
        PairCatalog pairs = PairCatalogs.of(List.of(new SwapPairConfig(
                "blue-green",
                "Z0EXAMPLE",
                "blue.blue-green.example.com",
                "green.blue-green.example.com",
                null,
                null,
                List.of("U0000000002", "U0000000003"),
                2,
                null,
                null,
                null,
                null,
                null)));
        DnsRecords unused = new DnsRecords() {
            @Override
            public List<dev.cutover.core.dns.RecordSet> read(String zoneId, String name) {
                throw new AssertionError("not read");
            }

            @Override
            public String submit(String zoneId, List<dev.cutover.core.dns.RecordChange> changes, String comment) {
                throw new AssertionError("not submitted");
            }

            @Override
            public Duration awaitInsync(String changeId, Duration timeout) {
                throw new AssertionError("not awaited");
            }
        };
        SwapWiring swaps = SwapWiring.build(
                pairs,
                unused,
                store,
                new InMemoryAuditLog(),
                group -> Set.of(),
                notifier,
                clock,
                () -> "req-1",
                Duration.ofSeconds(1),
                applied -> {},
                Rechecks.NONE);
        ApprovalService approvals = swaps.approvals();
        SwapReplies flow = swaps.replies();
        PairCatalog.Entry e = pairs.find("blue-green").orElseThrow();
        Outcome opened = approvals.open(
                ChangeKind.SWAP, Requests.mixedPlan("blue-green"), e.policy(), "U0000000001", "C0000000001");
        String id = ((Outcome.Done) opened).request().id();
        approvals.attachMessage(id, REF);

        // The decisions alone (a click's follow-up without the apply), as two replicas run them.
        CompletableFuture<Outcome> first =
                CompletableFuture.supplyAsync(() -> flow.decideNow(click(id, "U0000000002")));
        assertThat(firstIsShowing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Outcome> second =
                CompletableFuture.supplyAsync(() -> flow.decideNow(click(id, "U0000000003")));
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);

        assertThat(shown).isNotEmpty();
        assertThat(shown.get(shown.size() - 1)).isEqualTo("Swap blue-green: approved");
    }

    static ActionInvocation click(String id, String user) {
        return new ActionInvocation(SwapMessages.APPROVE, id, user, "C0000000001", REF, null, null);
    }
}
