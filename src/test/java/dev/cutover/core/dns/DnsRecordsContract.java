package dev.cutover.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link DnsRecords} contract; every implementation runs it over a fresh zone {@link #ZONE}
 * holding the two alias records {@link #BLUE} and {@link #GREEN}.
 */
public abstract class DnsRecordsContract {
    protected static final String ZONE = "Z0CONTRACT0000000001";
    protected static final String ELB_ZONE = "Z35SXDOTRQ7X7K";
    protected static final RecordSet BLUE = RecordSet.alias(
            "blue.example.com.", "A", new AliasTarget(ELB_ZONE, "blue-alb.us-east-1.elb.amazonaws.com.", true));
    protected static final RecordSet GREEN = RecordSet.alias(
            "green.example.com.", "A", new AliasTarget(ELB_ZONE, "green-alb.us-east-1.elb.amazonaws.com.", true));
    static final SwapPair PAIR = new SwapPair("api", ZONE, "blue.example.com", "green.example.com");
    static final RecordSet HAND_EDIT = RecordSet.plain("blue.example.com.", "A", 60, List.of("192.0.2.99"));

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    /**
     * Records over a new zone {@link #ZONE} ({@code example.com.}) holding {@link #BLUE} and {@link
     * #GREEN}, whose changes are INSYNC {@code insyncDelay} after submission on {@link #clock}.
     */
    protected abstract DnsRecords newRecords(Duration insyncDelay);

    /** Creates or replaces {@code record} in the zone of the last {@link #newRecords}, bypassing batches. */
    protected abstract void editByHand(RecordSet record);

    @Test
    void readsTheSwappableRecordSetsOfExactlyOneName() {
        DnsRecords dns = newRecords(Duration.ZERO);
        editByHand(RecordSet.plain("blue.example.com.", "TXT", 300, List.of("\"owner=ops\"")));
        editByHand(RecordSet.plain("www.blue.example.com.", "A", 60, List.of("192.0.2.1")));

        assertThat(dns.read(ZONE, "Blue.Example.com")).containsExactly(BLUE);
        assertThat(dns.read("/hostedzone/" + ZONE, "green.example.com.")).containsExactly(GREEN);
        assertThat(dns.read(ZONE, "purple.example.com.")).isEmpty();
    }

    @Test
    void aBatchAppliesAsAWhole() {
        DnsRecords dns = newRecords(Duration.ZERO);
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));

        String changeId = dns.submit(ZONE, plan.changes(), "swap api");

        assertThat(changeId).isNotBlank().doesNotStartWith("/change/");
        assertThat(dns.read(ZONE, PAIR.blue())).isEqualTo(plan.blueAfter());
        assertThat(dns.read(ZONE, PAIR.green())).isEqualTo(plan.greenAfter());
    }

    @Test
    void aDeleteThatNoLongerMatchesAppliesNothingAndIsDrifted() {
        DnsRecords dns = newRecords(Duration.ZERO);
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));
        editByHand(HAND_EDIT);

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap api"))
                .isInstanceOfSatisfying(
                        SwapException.class, e -> assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED));
        // The green half of the batch matched, but nothing of it applied either.
        assertThat(dns.read(ZONE, PAIR.green())).containsExactly(GREEN);
        assertThat(dns.read(ZONE, PAIR.blue())).containsExactly(HAND_EDIT);
    }

    @Test
    void aDeleteOfARecordThatIsGoneIsDrifted() {
        DnsRecords dns = newRecords(Duration.ZERO);
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));
        dns.submit(ZONE, plan.changes(), "swap api");

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap api again"))
                .isInstanceOfSatisfying(
                        SwapException.class, e -> assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED));
        assertThat(dns.read(ZONE, PAIR.blue())).isEqualTo(plan.blueAfter());
    }

    @Test
    void awaitInsyncReturnsOnceTheChangeIsInsync() {
        DnsRecords dns = newRecords(Duration.ZERO);
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));
        String changeId = dns.submit(ZONE, plan.changes(), "swap api");

        assertThat(dns.awaitInsync(changeId, Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void awaitInsyncGivesUpAfterTheTimeoutWhileTheChangeIsPending() {
        DnsRecords dns = newRecords(Duration.ofHours(1));
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));
        String changeId = dns.submit(ZONE, plan.changes(), "swap api");

        assertThatThrownBy(() -> dns.awaitInsync(changeId, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(
                        SwapException.class, e -> assertThat(e.kind()).isEqualTo(SwapException.Kind.INSYNC_TIMEOUT));
    }
}
