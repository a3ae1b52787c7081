package dev.cutover.core.approval;

import static dev.cutover.core.approval.Requests.NOW;
import static dev.cutover.core.approval.Requests.decision;
import static dev.cutover.core.approval.Requests.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ApprovalStore} contract; every implementation runs it with a fresh, empty store. */
public abstract class ApprovalStoreContract {
    private static final int RACERS = 20;

    protected ApprovalStore store;

    /** A new store that shares nothing with the stores of other tests. */
    protected abstract ApprovalStore newStore();

    @BeforeEach
    void setUpStore() {
        store = newStore();
    }

    @Test
    void createsWhenIdle() {
        ApprovalRequest r = pending("r1", "web");
        assertThat(store.createIfIdle(r)).isEmpty();
        assertThat(store.get("r1")).contains(r);
        assertThat(store.openRequest("web")).contains("r1");
    }

    @Test
    void secondCreateOnBusyPairReturnsOpenIdAndStoresNothing() {
        store.createIfIdle(pending("r1", "web"));
        assertThat(store.createIfIdle(pending("r2", "web"))).contains("r1");
        assertThat(store.get("r2")).isEmpty();
        assertThat(store.openRequest("web")).contains("r1");
    }

    @Test
    void pairsAreIndependent() {
        store.createIfIdle(pending("r1", "web"));
        assertThat(store.createIfIdle(pending("r2", "api"))).isEmpty();
        assertThat(store.openRequest("api")).contains("r2");
        assertThat(store.openRequest("other")).isEmpty();
        assertThat(store.get("nope")).isEmpty();
    }

    @Test
    void createRefusesAnythingButANewPendingRequest() {
        ApprovalRequest approved = pending("r1", "web").withState(ApprovalState.APPROVED);
        assertThatThrownBy(() -> store.createIfIdle(approved)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.openRequest("web")).isEmpty();
    }

    @Test
    void createRefusesAReusedId() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        store.compareAndSet(r.closed(ApprovalState.CANCELLED, decision("U-REQUESTER")));
        assertThatThrownBy(() -> store.createIfIdle(pending("r1", "web"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.openRequest("web")).isEmpty();
    }

    @Test
    void compareAndSetWithTheRightVersionWins() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        ApprovalRequest next = r.withApproval(decision("U-ALICE"));
        assertThat(store.compareAndSet(next)).isTrue();
        assertThat(store.get("r1")).contains(next);
    }

    @Test
    void compareAndSetWithAStaleVersionLosesAndChangesNothing() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        ApprovalRequest first = r.withApproval(decision("U-ALICE"));
        store.compareAndSet(first);

        assertThat(store.compareAndSet(r.closed(ApprovalState.REJECTED, decision("U-BOB"))))
                .isFalse();
        assertThat(store.compareAndSet(first.withState(ApprovalState.APPROVED).withState(ApprovalState.APPLYING)))
                .as("skipping a version")
                .isFalse();
        assertThat(store.get("r1")).contains(first);
        assertThat(store.openRequest("web")).contains("r1");
    }

    @Test
    void compareAndSetOnAnUnknownRequestLoses() {
        assertThat(store.compareAndSet(pending("ghost", "web").withState(ApprovalState.APPROVED)))
                .isFalse();
        assertThat(store.get("ghost")).isEmpty();
    }

    @Test
    void aTerminalTransitionFreesThePair() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        ApprovalRequest cancelled = r.closed(ApprovalState.CANCELLED, decision("U-REQUESTER"));
        assertThat(store.compareAndSet(cancelled)).isTrue();
        assertThat(store.openRequest("web")).isEmpty();
        assertThat(store.get("r1")).contains(cancelled);
        assertThat(store.createIfIdle(pending("r2", "web"))).isEmpty();
        assertThat(store.openRequest("web")).contains("r2");
    }

    @Test
    void nonTerminalTransitionsKeepThePairUntilTheEnd() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        ApprovalRequest approved = r.withState(ApprovalState.APPROVED);
        ApprovalRequest applying = approved.withState(ApprovalState.APPLYING);
        assertThat(store.compareAndSet(approved)).isTrue();
        assertThat(store.compareAndSet(applying)).isTrue();
        assertThat(store.openRequest("web")).contains("r1");
        assertThat(store.compareAndSet(applying.finished(ApprovalState.DONE, "C123 in 41 s")))
                .isTrue();
        assertThat(store.openRequest("web")).isEmpty();
    }

    @Test
    void aLateTerminalWriteDoesNotFreeAPairHeldByAnotherRequest() {
        ApprovalRequest r1 = pending("r1", "web");
        store.createIfIdle(r1);
        ApprovalRequest approved = r1.withState(ApprovalState.APPROVED);
        store.compareAndSet(approved);
        ApprovalRequest failed = approved.finished(ApprovalState.FAILED, "throttled");
        store.compareAndSet(failed);
        store.createIfIdle(pending("r2", "web"));

        assertThat(store.compareAndSet(failed.finished(ApprovalState.FAILED, "again")))
                .isTrue();
        assertThat(store.openRequest("web")).contains("r2");
    }

    @Test
    void everyFieldRoundTrips() {
        ApprovalRequest full = Requests.full("r1", "web");
        ApprovalRequest base = pending("r1", "web");
        store.createIfIdle(base);
        // Walk the same versions full went through.
        ApprovalRequest posted = base.postedAt(full.message());
        ApprovalRequest once = posted.withApproval(full.approvals().get(0));
        ApprovalRequest twice = once.withApproval(full.approvals().get(1));
        store.compareAndSet(posted);
        store.compareAndSet(once);
        store.compareAndSet(twice);
        assertThat(store.compareAndSet(full)).isTrue();
        assertThat(store.get("r1")).contains(full);
    }

    @Test
    void freezeUnfreezeAndFrozen() {
        Freeze first = new Freeze("U-ALICE", "release week", NOW);
        Freeze second = new Freeze("U-BOB", "incident 42", NOW.plusSeconds(5));
        assertThat(store.frozen("web")).isEmpty();
        store.freeze("web", first);
        store.freeze("web", second);
        assertThat(store.frozen("web")).contains(second);
        assertThat(store.frozen("api")).isEmpty();
        assertThat(store.unfreeze("web")).contains(second);
        assertThat(store.frozen("web")).isEmpty();
        assertThat(store.unfreeze("web")).isEmpty();
    }

    @Test
    void lastAppliedRoundTripsAFullPlan() {
        assertThat(store.lastApplied("web")).isEmpty();
        AppliedSwap older = new AppliedSwap("r0", Requests.mixedPlan("web").inverse(), "C0OLD", NOW);
        AppliedSwap applied = new AppliedSwap("r1", Requests.mixedPlan("web"), "C2EXAMPLE", NOW.plusSeconds(30));
        store.recordApplied("web", older);
        store.recordApplied("web", applied);
        assertThat(store.lastApplied("web")).contains(applied);
        assertThat(store.lastApplied("web").orElseThrow().plan().changes())
                .isEqualTo(applied.plan().changes());
        assertThat(store.lastApplied("api")).isEmpty();
    }

    @Test
    void ofRacingCompareAndSetsExactlyOneWins() throws Exception {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        List<ApprovalRequest> nexts = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            nexts.add(r.withApproval(decision("U-" + i)));
        }
        List<Boolean> results = race(i -> store.compareAndSet(nexts.get(i)));

        assertThat(results).containsOnlyOnce(true).hasSize(RACERS);
        ApprovalRequest winner = nexts.get(results.indexOf(true));
        assertThat(store.get("r1")).contains(winner);
    }

    @Test
    void ofRacingCreatesExactlyOneWins() throws Exception {
        List<Optional<String>> results = race(i -> store.createIfIdle(pending("r" + i, "web")));

        String open = store.openRequest("web").orElseThrow();
        assertThat(results).containsOnlyOnce(Optional.empty());
        assertThat(results.stream().filter(Optional::isPresent))
                .allMatch(o -> o.get().equals(open));
    }

    /** Runs {@code call(i)} for {@link #RACERS} threads released at once; results by i. */
    private static <T> List<T> race(java.util.function.IntFunction<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.apply(n);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
