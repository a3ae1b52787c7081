package dev.cutover.core.traffic;

import static dev.cutover.core.traffic.ShiftFixture.APPROVER;
import static dev.cutover.core.traffic.ShiftFixture.BAKE;
import static dev.cutover.core.traffic.ShiftFixture.REQUESTER;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.commands.ShiftMessagesAccess;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryDnsRecords;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Route 53 step's bake starts when its change is INSYNC, not when it was submitted. */
class ShiftPropagationTest {
    /** How long each change stays PENDING. */
    static final Duration PENDING = Duration.ofSeconds(70);

    final MutableClock clock = new MutableClock(T0);
    final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
    final InMemoryDnsRecords dns = new InMemoryDnsRecords(clock, PENDING);
    final DnsWeightedTraffic weights =
            new DnsWeightedTraffic(dns, DnsWeightedTrafficTest.ZONE, "api.example.com", "blue", "green");
    final ShiftFixture f = new ShiftFixture(approvals.shifts(), approvals, weights, clock, ShiftPlan.OnAlarm.REVERT);

    ShiftPropagationTest() {
        dns.put(DnsWeightedTrafficTest.ZONE, DnsWeightedTrafficTest.weighted("A", "blue", 100, null, "192.0.2.1"));
        dns.put(DnsWeightedTrafficTest.ZONE, DnsWeightedTrafficTest.weighted("A", "green", 0, null, "192.0.2.2"));
    }

    Shift stored(Shift s) {
        return f.service.get(s.id()).orElseThrow();
    }

    @Test
    void theBakeStartsWhenRoute53ReportsTheChangeInsyncAndTheMessageSaysPropagatingMeanwhile() {
        Shift s = f.started();

        assertThat(s.state()).isEqualTo(ShiftState.BAKING);
        assertThat(s.change()).isNotNull();
        assertThat(s.deadline()).isNull();
        assertThat(s.stepStartedAt()).isNull();
        assertThat(ShiftMessagesAccess.title(s, clock.instant())).isEqualTo("Traffic shift of web · propagating");

        clock.advance(PENDING.minus(ShiftRunner.CHANGE_POLL));
        f.runner.sweep();
        assertThat(stored(s).change()).isEqualTo(s.change());
        assertThat(stored(s).deadline()).isNull();

        clock.advance(ShiftRunner.CHANGE_POLL);
        f.runner.sweep();
        Shift insync = stored(s);
        assertThat(insync.change()).isNull();
        assertThat(insync.stepStartedAt()).isEqualTo(T0.plus(PENDING));
        assertThat(insync.deadline()).isEqualTo(T0.plus(PENDING).plus(BAKE));
        assertThat(ShiftMessagesAccess.title(insync, clock.instant())).isEqualTo("Traffic shift of web · baking");

        clock.set(T0.plus(BAKE));
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        clock.set(T0.plus(PENDING).plus(BAKE));
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
        assertThat(stored(s).step()).isEqualTo(1);
        assertThat(stored(s).deadline()).isNull();
    }

    @Test
    void promoteByAnApproverWhilePropagatingSkipsTheWaitAndTheBake() {
        Shift s = f.started();
        clock.advance(Duration.ofSeconds(10));

        f.service.promote(s.id(), APPROVER);

        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
        assertThat(stored(s).step()).isEqualTo(1);
    }

    @Test
    void aPauseWhilePropagatingKeepsTheWholeBakeForAfterInsync() {
        Shift s = f.started();
        f.service.pause(s.id(), REQUESTER);
        assertThat(stored(s).remaining()).isEqualTo(BAKE);
        clock.advance(PENDING);
        f.service.resume(s.id(), REQUESTER);
        f.runner.sweep();

        assertThat(stored(s).change()).isNull();
        assertThat(stored(s).deadline()).isEqualTo(T0.plus(PENDING).plus(BAKE));
    }

    @Test
    void aThresholdCrossedWhileTheStepPropagatesRevertsAtOnceWithoutWaitingForInsync() {
        Shift s = f.started();
        clock.advance(Duration.ofSeconds(20));
        f.health = new ShiftHealth.Reading("5XX 12.0% of 600", List.of("5XX 12.0% > 5.0%"));

        f.runner.sweep();

        Shift after = stored(s);
        assertThat(after.state()).isEqualTo(ShiftState.REVERTED);
        assertThat(after.change()).isNull();
        assertThat(after.reason()).contains("5XX 12.0% > 5.0%");
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
    }

    @Test
    void aChangeNeverInsyncStopsTheShiftAfterThePropagationLimitSayingWhatToCheck() {
        InMemoryDnsRecords slow = new InMemoryDnsRecords(clock, Duration.ofHours(2));
        slow.put(DnsWeightedTrafficTest.ZONE, DnsWeightedTrafficTest.weighted("A", "blue", 100, null, "192.0.2.1"));
        slow.put(DnsWeightedTrafficTest.ZONE, DnsWeightedTrafficTest.weighted("A", "green", 0, null, "192.0.2.2"));
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        ShiftFixture g = new ShiftFixture(
                store.shifts(),
                store,
                new DnsWeightedTraffic(slow, DnsWeightedTrafficTest.ZONE, "api.example.com", "blue", "green"),
                clock,
                ShiftPlan.OnAlarm.REVERT);
        Shift s = g.started();
        String change = s.change();

        clock.advance(dev.cutover.core.swap.SwapWorkflow.PROPAGATION_LIMIT.minus(ShiftRunner.CHANGE_POLL));
        g.runner.sweep();
        assertThat(g.service.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.BAKING);

        clock.advance(ShiftRunner.CHANGE_POLL);
        g.runner.sweep();
        Shift stopped = g.service.get(s.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(ShiftState.STOPPED);
        assertThat(stopped.reason())
                .isEqualTo("change " + change + " still not INSYNC after 30 min; check the Route 53 console."
                        + " The weights it set stay as they are.");
        assertThat(stopped.change()).isNull();
    }

    /** The in-memory records, counting each GetChange and failing them while {@code failing}. */
    static final class CountedDns implements dev.cutover.core.dns.DnsRecords {
        final InMemoryDnsRecords inner;
        final java.util.concurrent.atomic.AtomicInteger getChanges = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean failing;

        CountedDns(InMemoryDnsRecords inner) {
            this.inner = inner;
        }

        @Override
        public List<dev.cutover.core.dns.RecordSet> read(String zoneId, String name) {
            return inner.read(zoneId, name);
        }

        @Override
        public String submit(String zoneId, List<dev.cutover.core.dns.RecordChange> changes, String comment) {
            return inner.submit(zoneId, changes, comment);
        }

        @Override
        public Duration awaitInsync(String changeId, Duration timeout) {
            return inner.awaitInsync(changeId, timeout);
        }

        @Override
        public boolean insync(String changeId) {
            getChanges.incrementAndGet();
            if (failing) {
                throw new dev.cutover.core.dns.SwapException(
                        dev.cutover.core.dns.SwapException.Kind.AWS_ERROR, "Rate exceeded");
            }
            return inner.insync(changeId);
        }
    }

    @Test
    void aPropagatingStepsChangeIsAskedForAtMostOnceEveryFiveSecondsPerReplicaAndItsFailureLoggedOncePerAsk() {
        CountedDns counted = new CountedDns(dns);
        ShiftFixture g = new ShiftFixture(
                approvals.shifts(),
                approvals,
                new DnsWeightedTraffic(counted, DnsWeightedTrafficTest.ZONE, "api.example.com", "blue", "green"),
                clock,
                ShiftPlan.OnAlarm.REVERT);
        Shift s = g.started();

        for (int second = 1; second <= 20; second++) {
            clock.advance(Duration.ofSeconds(1));
            g.runner.sweep();
        }
        // At 1, 6, 11 and 16 s.
        assertThat(counted.getChanges).hasValue(4);

        counted.failing = true;
        counted.getChanges.set(0);
        try (dev.cutover.core.audit.LogCapture logs =
                new dev.cutover.core.audit.LogCapture(ShiftRunner.class.getName())) {
            for (int second = 1; second <= 20; second++) {
                clock.advance(Duration.ofSeconds(1));
                g.runner.sweep();
            }
            assertThat(counted.getChanges).hasValue(4);
            assertThat(logs.events())
                    .extracting(e -> e.getFormattedMessage())
                    .filteredOn(m -> m.contains("not readable"))
                    .hasSize(4)
                    .allMatch(m -> m.equals("shift " + s.id() + " of web: change " + s.change()
                            + " not readable, asking again in 5 s: Rate exceeded"));
        }
        assertThat(g.service.get(s.id()).orElseThrow().isPropagating()).isTrue();
    }
}
