package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.approval.StoreUnavailableException;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The workflow around a request when a chat or store call fails half-way. */
class SwapWorkflowTest {
    static final String PAIR = "blue-green";
    static final String REQUESTER = "U0000000001";
    static final String APPROVER = "U0000000002";
    static final String CHANNEL = "C0000000001";

    final SwapPlan plan = Requests.mixedPlan(PAIR);
    final InMemoryApprovalStore memory = new InMemoryApprovalStore();
    final AtomicBoolean recordAppliedFails = new AtomicBoolean();
    final ApprovalStore store = new FailingRecordStore();
    final Clock clock = Clock.fixed(Requests.NOW, ZoneOffset.UTC);
    final AtomicInteger ids = new AtomicInteger();
    final AtomicBoolean postFails = new AtomicBoolean();
    /** What the channel history answers, look by look: a message a timed-out post left may show up late. */
    final List<Optional<MessageRef>> history = new CopyOnWriteArrayList<>();

    final List<MessageRef> updated = new CopyOnWriteArrayList<>();
    final RecordingNotifier notifier = new RecordingNotifier() {
        @Override
        public MessageRef post(String channel, Message message) {
            if (postFails.get()) {
                throw new IllegalStateException("chat.postMessage failed: not_in_channel");
            }
            return super.post(channel, message);
        }

        @Override
        public Optional<MessageRef> find(String channel, Instant since, String marker) {
            return history.isEmpty() ? Optional.empty() : history.remove(0);
        }

        @Override
        public void update(MessageRef ref, Message message) {
            updated.add(ref);
            super.update(ref, message);
        }
    };
    /** The later looks asked for, run by the test when it says so: delay and check. */
    final List<Map.Entry<Duration, Runnable>> later = new CopyOnWriteArrayList<>();

    final Rechecks rechecks = (delay, check) -> later.add(Map.entry(delay, check));
    final List<String> submitted = new CopyOnWriteArrayList<>();
    final DnsRecords dns = new DnsRecords() {
        @Override
        public List<RecordSet> read(String zoneId, String name) {
            return name.equals(plan.pair().blue()) ? plan.blueBefore() : plan.greenBefore();
        }

        @Override
        public String submit(String zoneId, List<RecordChange> changes, String comment) {
            submitted.add(comment);
            return "C0000000000000000001";
        }

        @Override
        public Duration awaitInsync(String changeId, Duration timeout) {
            return Duration.ofSeconds(3);
        }
    };
    final PairCatalog pairs = PairCatalogs.of(List.of(new SwapPairConfig(
            PAIR,
            "Z0EXAMPLE",
            plan.pair().blue(),
            plan.pair().green(),
            null,
            null,
            List.of(APPROVER),
            1,
            null,
            null,
            null,
            null,
            null)));
    final SwapReplies flow = SwapWiring.build(
                    pairs,
                    dns,
                    store,
                    new InMemoryAuditLog(),
                    group -> Set.of(),
                    notifier,
                    clock,
                    () -> "req-" + ids.incrementAndGet(),
                    Duration.ofSeconds(5),
                    applied -> {},
                    rechecks)
            .replies();
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

    @Test
    void aRequestThatCouldNotBePostedDoesNotHoldThePair() {
        postFails.set(true);
        run(flow.request(ChangeKind.SWAP, PAIR, REQUESTER, CHANNEL, responder));
        assertThat(told).singleElement().asString().contains("Could not post", "Nothing was applied");

        ApprovalRequest abandoned = memory.get("req-1").orElseThrow();
        assertThat(abandoned.state().isOpen()).isFalse();
        assertThat(store.openRequest(PAIR)).isEmpty();

        // Once the bot is invited, asking again works: the unposted request no longer blocks the pair.
        postFails.set(false);
        CommandResult again = flow.command(ChangeKind.SWAP, PAIR, REQUESTER, CHANNEL, responder);
        // The typed command's ack says the request is being opened; what happens next comes after it.
        assertThat(again.ephemeral().text()).contains("Opening a swap request for *blue-green*");
        run(again);
        assertThat(memory.get("req-2").orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void aRequestMessageThatAppearsAfterItsRequestWasClosedIsShownClosedWithoutButtons() {
        postFails.set(true);
        MessageRef late = new MessageRef(CHANNEL, "1700000000.000200");
        history.addAll(List.of(Optional.empty(), Optional.empty(), Optional.of(late)));

        run(flow.request(ChangeKind.SWAP, PAIR, REQUESTER, CHANNEL, responder));
        assertThat(memory.get("req-1").orElseThrow().state()).isEqualTo(ApprovalState.CANCELLED);
        // Looked for at once (not there), then later, on the timer: not there yet.
        assertThat(later).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo(Duration.ofSeconds(10)));
        later.remove(0).getValue().run();
        assertThat(updated).isEmpty();
        // The next look finds it: it is attached and replaced by the stored state.
        assertThat(later).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo(Duration.ofSeconds(60)));
        later.remove(0).getValue().run();

        assertThat(updated).containsExactly(late);
        ApprovalRequest stored = memory.get("req-1").orElseThrow();
        assertThat(stored.message()).isEqualTo(late);
        assertThat(stored.state()).isEqualTo(ApprovalState.CANCELLED);
        Message shown = notifier.posts.get(notifier.posts.size() - 1).message();
        assertThat(shown.blocks()).noneMatch(b -> b instanceof Block.Actions);
        assertThat(shown.text()).contains("cancelled");
        assertThat(later).as("no more looks once found").isEmpty();
    }

    @Test
    void aRequestMessageThatNeverAppearsIsLookedForABoundedNumberOfTimes() {
        postFails.set(true);

        run(flow.request(ChangeKind.SWAP, PAIR, REQUESTER, CHANNEL, responder));
        int looks = 0;
        while (!later.isEmpty()) {
            later.remove(0).getValue().run();
            looks++;
        }

        assertThat(looks).isEqualTo(2);
        assertThat(updated).isEmpty();
        assertThat(memory.get("req-1").orElseThrow().message()).isNull();
    }

    @Test
    void aStoreFailureAfterRoute53AcceptedTheBatchStillEndsTheRequestAndSaysRollbackIsUnavailable() {
        run(flow.request(ChangeKind.SWAP, PAIR, REQUESTER, CHANNEL, responder));
        recordAppliedFails.set(true);

        run(flow.decide(new ActionInvocation(SwapMessages.APPROVE, "req-1", APPROVER, CHANNEL, null, null, responder)));

        assertThat(submitted).hasSize(1);
        ApprovalRequest r = memory.get("req-1").orElseThrow();
        assertThat(r.state()).isEqualTo(ApprovalState.DONE);
        assertThat(r.outcome()).contains("INSYNC after 3 s");
        assertThat(store.openRequest(PAIR)).isEmpty();
        assertThat(notifier.texts()).anySatisfy(t -> assertThat(t).contains("could not be recorded", "/rollback"));
    }

    static void run(CommandResult r) {
        if (r.followUp() != null) {
            r.followUp().run();
        }
    }

    /** The in-memory store, whose {@code recordApplied} fails while {@link #recordAppliedFails} is set. */
    final class FailingRecordStore implements ApprovalStore {
        @Override
        public Optional<String> createIfIdle(ApprovalRequest request) {
            return memory.createIfIdle(request);
        }

        @Override
        public Optional<ApprovalRequest> get(String id) {
            return memory.get(id);
        }

        @Override
        public Optional<String> openRequest(String pair) {
            return memory.openRequest(pair);
        }

        @Override
        public boolean compareAndSet(ApprovalRequest next) {
            return memory.compareAndSet(next);
        }

        @Override
        public void freeze(String pair, Freeze freeze) {
            memory.freeze(pair, freeze);
        }

        @Override
        public Optional<Freeze> unfreeze(String pair) {
            return memory.unfreeze(pair);
        }

        @Override
        public Optional<Freeze> frozen(String pair) {
            return memory.frozen(pair);
        }

        @Override
        public void recordApplied(String pair, AppliedSwap applied) {
            if (recordAppliedFails.get()) {
                throw new StoreUnavailableException(
                        "Redis failed during recordApplied(" + pair + ") (JedisConnectionException)", null);
            }
            memory.recordApplied(pair, applied);
        }

        @Override
        public Optional<AppliedSwap> lastApplied(String pair) {
            return memory.lastApplied(pair);
        }
    }
}
