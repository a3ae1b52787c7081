package dev.cutover.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.sandbox.MutableClock;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.sandbox.SandboxRoute53Client;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SwapPlan over records read from the simulated Route 53 through the real adapter. */
class SwapPlanTest {
    static final String ZONE = SandboxAccount.ZONE_ID;
    static final SwapPair PAIR = new SwapPair("api", ZONE, SandboxAccount.BLUE, SandboxAccount.GREEN);
    static final AliasTarget BLUE_ALB = new AliasTarget(SandboxAccount.ALB_ZONE_ID, SandboxAccount.BLUE_ALB, true);
    static final AliasTarget GREEN_ALB = new AliasTarget(SandboxAccount.ALB_ZONE_ID, SandboxAccount.GREEN_ALB, true);
    static final AliasTarget BLUE_ALB_V6 = new AliasTarget(
            SandboxAccount.ALB_ZONE_ID, "dualstack.blue-alb-1234567890.us-east-1.elb.amazonaws.com.", false);

    final SandboxRoute53Client route53 =
            SandboxAccount.route53(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), Duration.ZERO);
    final DnsRecords dns = new Route53DnsRecords(route53, Duration.ofMillis(10));
    final SwapPlanner service = new SwapPlanner(dns);

    List<RecordSet> read(String name) {
        return dns.read(ZONE, name);
    }

    @Test
    void planExchangesTheTargets() {
        SwapPlan plan = service.plan(PAIR);

        assertThat(plan.blueBefore()).containsExactly(RecordSet.alias(SandboxAccount.BLUE, "A", BLUE_ALB));
        assertThat(plan.blueAfter()).containsExactly(RecordSet.alias(SandboxAccount.BLUE, "A", GREEN_ALB));
        assertThat(plan.greenAfter()).containsExactly(RecordSet.alias(SandboxAccount.GREEN, "A", BLUE_ALB));

        dns.submit(ZONE, plan.changes(), "swap");

        assertThat(plan.isResultOf(read(SandboxAccount.BLUE), read(SandboxAccount.GREEN)))
                .isTrue();
        assertThat(read(SandboxAccount.BLUE)).containsExactly(RecordSet.alias(SandboxAccount.BLUE, "A", GREEN_ALB));
    }

    @Test
    void theInverseRestoresTheRecords() {
        List<RecordSet> before = route53.records(ZONE);
        SwapPlan plan = service.plan(PAIR);
        dns.submit(ZONE, plan.changes(), "swap");

        dns.submit(ZONE, plan.inverse().changes(), "swap back");

        assertThat(route53.records(ZONE)).isEqualTo(before);
    }

    @Test
    void differenceFromReportsARecordChangedSinceThePlan() {
        SwapPlan plan = service.plan(PAIR);
        assertThat(plan.differenceFrom(read(SandboxAccount.BLUE), read(SandboxAccount.GREEN)))
                .isEmpty();

        route53.putRecord(ZONE, RecordSet.plain(SandboxAccount.GREEN, "A", 60, List.of("192.0.2.77")));

        assertThat(plan.differenceFrom(read(SandboxAccount.BLUE), read(SandboxAccount.GREEN)))
                .hasValue("green.example.com. was A alias dualstack.green-alb-0987654321.us-east-1.elb.amazonaws.com."
                        + " (alias zone Z35SXDOTRQ7X7K, EvaluateTargetHealth true) when planned, now A 192.0.2.77"
                        + " (TTL 60 s)");
    }

    @Test
    void dualStackSwapsTheAAndTheAaaaAliasAtEachName() {
        route53.putRecord(ZONE, RecordSet.alias(SandboxAccount.BLUE, "AAAA", BLUE_ALB_V6));
        route53.putRecord(ZONE, RecordSet.alias(SandboxAccount.GREEN, "AAAA", GREEN_ALB));
        SwapPlan plan = service.plan(PAIR);
        assertThat(plan.changes()).hasSize(8);

        dns.submit(ZONE, plan.changes(), "swap");

        assertThat(read(SandboxAccount.BLUE))
                .containsExactly(
                        RecordSet.alias(SandboxAccount.BLUE, "A", GREEN_ALB),
                        RecordSet.alias(SandboxAccount.BLUE, "AAAA", GREEN_ALB));
        assertThat(read(SandboxAccount.GREEN))
                .containsExactly(
                        RecordSet.alias(SandboxAccount.GREEN, "A", BLUE_ALB),
                        RecordSet.alias(SandboxAccount.GREEN, "AAAA", BLUE_ALB_V6));
    }
}
