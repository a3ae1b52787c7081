package dev.cutover.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.memory.InMemoryDnsRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighted records over Route 53's rules in memory: both types of a side move together. */
class DnsWeightedTrafficTest extends TrafficWeightsContract {
    static final String ZONE = "Z0000000000000000001";
    static final AliasTarget BLUE = new AliasTarget("Z14GRHDCWA56QT", "dualstack.api-blue.elb.amazonaws.com.", true);

    final InMemoryDnsRecords dns = new InMemoryDnsRecords(Clock.systemUTC(), Duration.ZERO);
    final DnsWeightedTraffic traffic = new DnsWeightedTraffic(dns, ZONE, "api.example.com", "blue", "green");

    DnsWeightedTrafficTest() {
        editBehindTheBack(new Weights(100, 0));
    }

    @Override
    protected TrafficWeights weights() {
        return traffic;
    }

    @Override
    protected void editBehindTheBack(Weights w) {
        dns.put(ZONE, weighted("A", "blue", w.blue(), BLUE, null));
        dns.put(ZONE, weighted("AAAA", "blue", w.blue(), BLUE, null));
        dns.put(ZONE, weighted("A", "green", w.green(), null, "192.0.2.44"));
    }

    static RecordSet weighted(String type, String id, long weight, AliasTarget alias, String value) {
        return new RecordSet(
                "api.example.com.",
                type,
                alias == null ? 60L : null,
                value == null ? List.of() : List.of(value),
                alias,
                id,
                weight,
                null,
                "weighted routing (weight " + weight + ")");
    }

    @Test
    void everyTypeOfASideGetsTheNewWeight() {
        traffic.set(new Weights(100, 0), new Weights(50, 50), "half");

        assertThat(dns.read(ZONE, "api.example.com."))
                .extracting(r -> r.type() + " " + r.setIdentifier() + " " + r.weight())
                .containsExactlyInAnyOrder("A blue 50", "AAAA blue 50", "A green 50");
    }

    @Test
    void theDryRunShowsTheExactBatchOfEachStepAndWritesNothing() {
        ShiftPlan plan = ShiftPlan.of(
                "web", traffic.read(), List.of(10, 100), 100, Duration.ofMinutes(5), ShiftPlan.OnAlarm.REVERT);

        assertThat(traffic.preview(plan.weightsAt(-1), plan.weightsAt(0)))
                .containsExactly(
                        "DELETE api.example.com. A SetIdentifier blue Weight 100 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "DELETE api.example.com. A SetIdentifier green Weight 0 → TTL 60 192.0.2.44",
                        "DELETE api.example.com. AAAA SetIdentifier blue Weight 100 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "CREATE api.example.com. A SetIdentifier blue Weight 90 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "CREATE api.example.com. A SetIdentifier green Weight 10 → TTL 60 192.0.2.44",
                        "CREATE api.example.com. AAAA SetIdentifier blue Weight 90 → alias dualstack.api-blue.elb.amazonaws.com.");
        assertThat(traffic.preview(plan.weightsAt(0), plan.weightsAt(1)))
                .containsExactly(
                        "DELETE api.example.com. A SetIdentifier blue Weight 90 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "DELETE api.example.com. A SetIdentifier green Weight 10 → TTL 60 192.0.2.44",
                        "DELETE api.example.com. AAAA SetIdentifier blue Weight 90 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "CREATE api.example.com. A SetIdentifier blue Weight 0 → alias dualstack.api-blue.elb.amazonaws.com.",
                        "CREATE api.example.com. A SetIdentifier green Weight 100 → TTL 60 192.0.2.44",
                        "CREATE api.example.com. AAAA SetIdentifier blue Weight 0 → alias dualstack.api-blue.elb.amazonaws.com.");
        assertThat(traffic.read()).isEqualTo(new Weights(100, 0));
    }
}
