package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.aws.Route53Records;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class SandboxRoute53ClientTest {
    static final String ZONE = SandboxAccount.ZONE_ID;
    static final AliasTarget BLUE_ALB = new AliasTarget(SandboxAccount.ALB_ZONE_ID, SandboxAccount.BLUE_ALB, true);
    static final AliasTarget GREEN_ALB = new AliasTarget(SandboxAccount.ALB_ZONE_ID, SandboxAccount.GREEN_ALB, true);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final SandboxRoute53Client route53 = SandboxAccount.route53(clock, Duration.ofSeconds(30));

    static Change change(ChangeAction action, RecordSet r) {
        return Change.builder()
                .action(action)
                .resourceRecordSet(Route53Records.toSdk(r))
                .build();
    }

    String submit(Change... changes) {
        return route53.changeResourceRecordSets(r -> r.hostedZoneId(ZONE).changeBatch(b -> b.changes(changes)))
                .changeInfo()
                .id();
    }

    @Test
    void aChangeIsPendingUntilTheDelayHasPassedOnTheClock() {
        String id =
                submit(change(ChangeAction.UPSERT, RecordSet.plain("x.example.com.", "A", 60, List.of("192.0.2.1"))));
        assertThat(id).matches("C[0-9]+");
        assertThat(route53.getChange(r -> r.id(id)).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);

        clock.advance(Duration.ofSeconds(29));
        assertThat(route53.getChange(r -> r.id("/change/" + id)).changeInfo().status())
                .isEqualTo(ChangeStatus.PENDING);

        clock.advance(Duration.ofSeconds(1));
        assertThat(route53.getChange(r -> r.id(id)).changeInfo().status()).isEqualTo(ChangeStatus.INSYNC);
        assertThat(route53.getChange(r -> r.id(id)).changeInfo().submittedAt())
                .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void theDemoAccountHoldsTheAliasPair() {
        assertThat(ZONE).matches("Z[A-Z0-9]{1,31}");
        assertThat(route53.records(ZONE))
                .containsExactly(
                        RecordSet.alias(SandboxAccount.BLUE, "A", BLUE_ALB),
                        RecordSet.alias(SandboxAccount.GREEN, "A", GREEN_ALB));
    }

    @Test
    void aDeleteThatDoesNotMatchFailsTheWholeBatchInRoute53sWords() {
        RecordSet staleBlue = RecordSet.alias(SandboxAccount.BLUE, "A", GREEN_ALB);
        RecordSet newX = RecordSet.plain("x.example.com.", "A", 60, List.of("192.0.2.1"));

        assertThatThrownBy(() -> submit(change(ChangeAction.CREATE, newX), change(ChangeAction.DELETE, staleBlue)))
                .isInstanceOfSatisfying(InvalidChangeBatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("[Tried to delete resource record set [name='blue.example.com.', type='A']"
                                    + " but the values provided do not match the current values]");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(route53.records(ZONE)).hasSize(2).doesNotContain(newX);
    }

    @Test
    void aDeleteOfNothingAndACreateOfAnExistingSetFail() {
        RecordSet missing = RecordSet.plain("nope.example.com.", "A", 60, List.of("192.0.2.1"));
        RecordSet blue = RecordSet.alias(SandboxAccount.BLUE, "A", BLUE_ALB);

        assertThatThrownBy(() -> submit(change(ChangeAction.DELETE, missing), change(ChangeAction.CREATE, blue)))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("[Tried to delete resource record set [name='nope.example.com.', type='A']"
                        + " but it was not found, Tried to create resource record set [name='blue.example.com.',"
                        + " type='A'] but it already exists]");
    }

    @Test
    void upsertReplacesAndDeleteAsReadRemoves() {
        RecordSet blue = RecordSet.alias(SandboxAccount.BLUE, "A", GREEN_ALB);
        submit(change(ChangeAction.UPSERT, blue));
        assertThat(route53.records(ZONE)).contains(blue);

        submit(change(ChangeAction.DELETE, blue));
        assertThat(route53.records(ZONE)).containsExactly(RecordSet.alias(SandboxAccount.GREEN, "A", GREEN_ALB));
    }

    @Test
    void listsInRoute53sOrderAndPagesByMaxItems() {
        route53.putRecord(ZONE, RecordSet.plain("*.example.com.", "A", 60, List.of("192.0.2.9")));
        route53.putRecord(ZONE, RecordSet.plain("blue.example.com.", "AAAA", 60, List.of("2001:db8::1")));
        route53.putRecord(ZONE, RecordSet.plain("a.blue.example.com.", "TXT", 60, List.of("\"x\"")));

        ListResourceRecordSetsResponse first = route53.listResourceRecordSets(r -> r.hostedZoneId("/hostedzone/" + ZONE)
                .startRecordName("blue.example.com.")
                .maxItems("2"));
        assertThat(first.resourceRecordSets())
                .extracting(ResourceRecordSet::name, ResourceRecordSet::typeAsString)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("blue.example.com.", "A"),
                        org.assertj.core.groups.Tuple.tuple("blue.example.com.", "AAAA"));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextRecordName()).isEqualTo("a.blue.example.com.");
        assertThat(first.nextRecordTypeAsString()).isEqualTo("TXT");

        ListResourceRecordSetsResponse all = route53.listResourceRecordSets(r -> r.hostedZoneId(ZONE));
        assertThat(all.resourceRecordSets())
                .extracting(ResourceRecordSet::name)
                .containsExactly(
                        "\\052.example.com.",
                        "blue.example.com.",
                        "blue.example.com.",
                        "a.blue.example.com.",
                        "green.example.com.");
        assertThat(all.isTruncated()).isFalse();
    }

    @Test
    void anUnknownZoneIsNoSuchHostedZone() {
        assertThatThrownBy(() -> route53.listResourceRecordSets(r -> r.hostedZoneId("Z404")))
                .isInstanceOfSatisfying(
                        NoSuchHostedZoneException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchHostedZone"));
    }

    @Test
    void theSdkWaiterInRoute53DnsRecordsPollsTheSandboxUntilInsync() {
        SandboxRoute53Client live = SandboxAccount.route53(Clock.systemUTC(), Duration.ofMillis(150));
        Route53DnsRecords dns = new Route53DnsRecords(live, Duration.ofMillis(20));
        RecordSet x = RecordSet.plain("x.example.com.", "A", 60, List.of("192.0.2.1"));
        String id = dns.submit(
                ZONE,
                List.of(new dev.cutover.core.dns.RecordChange(dev.cutover.core.dns.RecordChange.Action.CREATE, x)),
                "test");

        assertThat(dns.awaitInsync(id, Duration.ofSeconds(5))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(dns.read(ZONE, "x.example.com")).containsExactly(x);
    }

    @Test
    void theWaiterTimesOutOverTheSandbox() {
        Route53DnsRecords dns = new Route53DnsRecords(route53, Duration.ofMillis(20));
        String id =
                submit(change(ChangeAction.UPSERT, RecordSet.plain("x.example.com.", "A", 60, List.of("192.0.2.1"))));

        assertThatThrownBy(() -> dns.awaitInsync(id, Duration.ofMillis(100)))
                .isInstanceOfSatisfying(
                        SwapException.class, e -> assertThat(e.kind()).isEqualTo(SwapException.Kind.INSYNC_TIMEOUT));
    }
}
