package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryDnsRecords;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.NoPauses;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the Home reads: Route 53 at most once a minute per pair unless the bot applied a change to
 * the pair since (Route 53 allows about five calls a second per account), the store every time.
 */
class HomeDashboardTest {
    static final SwapPair PAIR = Requests.pair("api");
    static final ApprovalPolicy POLICY =
            new ApprovalPolicy(Set.of(), Set.of(), Set.of("U-ALICE"), 1, Duration.ofMinutes(15), false);

    final MutableClock clock = new MutableClock(Requests.NOW);
    final InMemoryDnsRecords zone = new InMemoryDnsRecords(clock, Duration.ZERO);
    final AtomicInteger reads = new AtomicInteger();
    final InMemoryApprovalStore store = new InMemoryApprovalStore();

    /** The zone, counting reads. */
    DnsRecords counted() {
        return (DnsRecords) Proxy.newProxyInstance(
                DnsRecords.class.getClassLoader(), new Class<?>[] {DnsRecords.class}, (proxy, m, args) -> {
                    if (m.getName().equals("read")) {
                        reads.incrementAndGet();
                    }
                    return m.invoke(zone, args);
                });
    }

    HomeDashboard dashboard() {
        return new HomeDashboard(
                new HomeDashboard.Sources(
                        new PairCatalog(List.of(new PairCatalog.Entry(PAIR, POLICY))),
                        counted(),
                        store,
                        new FourEyes(group -> Set.of()),
                        pair -> Optional.empty(),
                        pair -> Optional.empty(),
                        List.of(),
                        new InMemoryJobHistory(10),
                        new NoPauses(),
                        job -> Optional.empty(),
                        List.of()),
                clock);
    }

    void blueAliases(String alb) {
        zone.put(PAIR.zoneId(), RecordSet.alias(PAIR.blue(), "A", new AliasTarget("Z35SXDOTRQ7X7K", alb, false)));
    }

    @Test
    void route53IsReadOncePerMinuteUnlessTheBotAppliedAChangeToThePair() {
        blueAliases("blue-alb.example.com.");
        HomeDashboard d = dashboard();

        assertThat(d.read().pairs().get(0).live())
                .hasValueSatisfying(t -> assertThat(t).contains("blue-alb"));
        d.read();
        clock.advance(Duration.ofSeconds(30));
        d.read();
        assertThat(reads).hasValue(1);

        blueAliases("green-alb.example.com.");
        store.recordApplied(PAIR.name(), new AppliedSwap("req-1", Requests.mixedPlan("api"), "C1", clock.instant()));
        assertThat(d.read().pairs().get(0).live())
                .hasValueSatisfying(t -> assertThat(t).contains("green-alb"));
        assertThat(reads).hasValue(2);

        clock.advance(Duration.ofSeconds(61));
        d.read();
        assertThat(reads).hasValue(3);
        assertThat(d.read().problems()).isEmpty();
    }

    @Test
    void aSourceThatFailsIsNamedAndTheRestIsRead() {
        blueAliases("blue-alb.example.com.");
        HomeDashboard d = new HomeDashboard(
                new HomeDashboard.Sources(
                        new PairCatalog(List.of(new PairCatalog.Entry(PAIR, POLICY))),
                        counted(),
                        store,
                        new FourEyes(group -> Set.of()),
                        pair -> {
                            throw new IllegalStateException("store down");
                        },
                        pair -> Optional.empty(),
                        List.of(),
                        new InMemoryJobHistory(10),
                        new NoPauses(),
                        job -> Optional.empty(),
                        List.of(() -> {
                            throw new IllegalStateException("alarms down");
                        })),
                clock);

        HomeData data = d.read();

        assertThat(data.problems()).containsExactly("the shift of api", "open incidents");
        assertThat(data.pairs().get(0).live()).isPresent();
        assertThat(data.pairs().get(0).stored()).isTrue();
    }
}
