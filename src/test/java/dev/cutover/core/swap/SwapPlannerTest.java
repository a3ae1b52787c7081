package dev.cutover.core.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.sandbox.MutableClock;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.sandbox.SandboxRoute53Client;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SwapPlanner over the simulated Route 53 through the real adapter: compare-and-swap end to end. */
class SwapPlannerTest {
    static final String ZONE = SandboxAccount.ZONE_ID;
    static final SwapPair PAIR = new SwapPair("api", ZONE, SandboxAccount.BLUE, SandboxAccount.GREEN);
    static final RecordSet HAND_EDIT = RecordSet.plain(SandboxAccount.BLUE, "A", 60, List.of("192.0.2.99"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final SandboxRoute53Client route53 = SandboxAccount.route53(clock, Duration.ZERO);
    final DnsRecords dns = new Route53DnsRecords(route53, Duration.ofMillis(10));
    final SwapPlanner service = new SwapPlanner(dns);

    @Test
    void aDeleteThatNoLongerMatchesFailsTheWholeBatchAndChangesNothing() {
        SwapPlan plan = service.plan(PAIR);
        route53.putRecord(ZONE, HAND_EDIT);
        List<RecordSet> drifted = route53.records(ZONE);

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap"))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED);
                    assertThat(e.getMessage())
                            .isEqualTo("the records changed since the request; nothing was applied ([Tried to delete"
                                    + " resource record set [name='blue.example.com.', type='A'] but the values"
                                    + " provided do not match the current values])");
                });
        assertThat(route53.records(ZONE)).isEqualTo(drifted);
    }

    @Test
    void driftSaysWhatChangedSinceThePlan() {
        SwapPlan plan = service.plan(PAIR);
        assertThat(service.drift(plan)).isEmpty();

        route53.putRecord(ZONE, HAND_EDIT);

        assertThat(service.drift(plan)).hasValueSatisfying(d -> assertThat(d).startsWith("blue.example.com. was"));
    }

    @Test
    void rollbackOfTheLastSwapIsItsInverse() {
        SwapPlan applied = service.plan(PAIR);
        List<RecordSet> before = route53.records(ZONE);
        dns.submit(ZONE, applied.changes(), "swap");

        SwapPlan rollback = service.planRollback(applied);
        dns.submit(ZONE, rollback.changes(), "rollback");

        assertThat(rollback).isEqualTo(applied.inverse());
        assertThat(route53.records(ZONE)).isEqualTo(before);
    }

    @Test
    void planRollbackRefusesWhenTheRecordsChangedAfterTheSwap() {
        SwapPlan applied = service.plan(PAIR);
        dns.submit(ZONE, applied.changes(), "swap");
        route53.putRecord(ZONE, HAND_EDIT);

        assertThatThrownBy(() -> service.planRollback(applied)).isInstanceOfSatisfying(SwapException.class, e -> {
            assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED);
            assertThat(e.getMessage()).contains("blue.example.com. is A 192.0.2.99 (TTL 60 s)");
        });
    }

    @Test
    void aMissingRecordIsNotFound() {
        SwapPair missing = new SwapPair("api", ZONE, "blue.example.com", "purple.example.com");

        assertThatThrownBy(() -> service.plan(missing))
                .isInstanceOfSatisfying(
                        SwapException.class, e -> assertThat(e.kind()).isEqualTo(SwapException.Kind.NOT_FOUND));
    }

    @Test
    void awaitInsyncReturnsOnceTheChangeIsInsync() {
        String id = dns.submit(ZONE, service.plan(PAIR).changes(), "swap");

        assertThat(dns.awaitInsync(id, Duration.ofSeconds(2))).isLessThan(Duration.ofSeconds(2));
    }
}
