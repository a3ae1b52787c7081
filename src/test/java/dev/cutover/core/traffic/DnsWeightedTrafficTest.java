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
}
