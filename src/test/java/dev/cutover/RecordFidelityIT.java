package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static dev.cutover.Route53Fake.BLUE_ALB;
import static dev.cutover.Route53Fake.ELB_ZONE;
import static dev.cutover.Route53Fake.GREEN_ALB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Record fidelity against Route 53's REST-XML wire format (WireMock): every field of a simple
 * routing record set goes through the DELETE and the CREATE, other routing is refused at plan
 * time, drift names the exact fields, and the caching note uses the TTL replaced.
 */
class RecordFidelityIT extends SlackAndRoute53Fakes {

    String requestSwap() {
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
        h.swap(PAIR, REQUESTER);
        eventually().until(() -> h.store.openRequest(PAIR).isPresent());
        String id = h.store.openRequest(PAIR).orElseThrow();
        eventually().until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        return id;
    }

    void approveAndAwait(String id, ApprovalState state) {
        h.click(SwapMessages.APPROVE, id, APPROVER);
        eventually().until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == state);
    }

    static String recordSet(String name, String type, String body) {
        return "<ResourceRecordSet><Name>" + name + "</Name><Type>" + type + "</Type>" + body + "</ResourceRecordSet>";
    }

    static String alias(String dnsName, boolean evaluate) {
        return "<AliasTarget><HostedZoneId>" + ELB_ZONE + "</HostedZoneId><DNSName>" + dnsName
                + "</DNSName><EvaluateTargetHealth>" + evaluate + "</EvaluateTargetHealth></AliasTarget>";
    }

    static String cname(long ttl, String value) {
        return "<TTL>" + ttl + "</TTL><ResourceRecords><ResourceRecord><Value>" + value
                + "</Value></ResourceRecord></ResourceRecords>";
    }

    static String list(String... sets) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListResourceRecordSetsResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<ResourceRecordSets>" + String.join("", sets) + "</ResourceRecordSets>"
                + "<IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListResourceRecordSetsResponse>";
    }

    static int count(String body, String what) {
        return (int)
                Pattern.compile(Pattern.quote(what)).matcher(body).results().count();
    }

    @Test
    void aHealthCheckIdGoesThroughTheDeleteAndTheCreateWithItsTarget() {
        String hc = "abcdef11-2222-3333-4444-555555555555";
        route53.listReturns(list(
                recordSet(
                        "blue.example.com.", "A", alias(BLUE_ALB, true) + "<HealthCheckId>" + hc + "</HealthCheckId>"),
                recordSet("green.example.com.", "A", alias(GREEN_ALB, false))));
        String id = requestSwap();

        approveAndAwait(id, ApprovalState.DONE);

        String body = route53.changeBodies().get(0);
        assertThat(count(body, "<HealthCheckId>" + hc + "</HealthCheckId>")).isEqualTo(2);
        // DELETE blue as read (with its check), CREATE green pointing at blue's target, with that check.
        assertThat(body)
                .containsPattern("(?s)<Action>DELETE</Action>.*?<Name>blue.example.com.</Name>.*?<HealthCheckId>" + hc)
                .containsPattern("(?s)<Action>CREATE</Action>\\s*<ResourceRecordSet>\\s*<Name>green.example.com.</Name>"
                        + "(?:(?!</Change>).)*<HealthCheckId>" + hc);
        assertThat(body).contains("<EvaluateTargetHealth>true</EvaluateTargetHealth>");
    }

    @Test
    void latencyRoutingIsRefusedAtPlanTimeWithTheReason() {
        route53.listReturns(list(
                recordSet(
                        "blue.example.com.",
                        "A",
                        "<SetIdentifier>tokyo</SetIdentifier><Region>ap-northeast-1</Region>" + alias(BLUE_ALB, false)),
                recordSet("green.example.com.", "A", alias(GREEN_ALB, false))));
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));

        var sent = h.swap(PAIR, REQUESTER);

        // The ack only says the request is being opened: the refusal comes through the response_url.
        assertThat(sent.ackText()).contains("Opening a swap request");
        eventually().until(() -> !slack.allResponses().isEmpty());
        assertThat(sent.ackText() + slack.allResponses())
                .contains("latency routing (region ap-northeast-1)", "only simple routing");
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    void driftNamesExactlyTheFieldsThatChangedWithTheirFullValues() {
        String id = requestSwap();
        String noDualstack = BLUE_ALB.substring("dualstack.".length());
        route53.listReturns(list(
                recordSet("blue.example.com.", "A", alias(noDualstack, true)),
                recordSet("green.example.com.", "A", alias(GREEN_ALB, false))));

        approveAndAwait(id, ApprovalState.DRIFTED);

        String outcome = h.store.get(id).orElseThrow().outcome();
        assertThat(outcome)
                .contains("blue.example.com. was A alias DNSName " + BLUE_ALB + " when planned, now " + noDualstack)
                .contains("blue.example.com. was A alias EvaluateTargetHealth false when planned, now true")
                .doesNotContain("HostedZoneId")
                .doesNotContain("green.example.com. was");
        assertThat(route53.changeBodies()).isEmpty();
    }

    @Test
    void theCachingNoteUsesTheTtlOfTheRecordsReplaced() {
        route53.listReturns(list(
                recordSet("blue.example.com.", "CNAME", cname(3600, "blue-origin.example.net")),
                recordSet("green.example.com.", "CNAME", cname(300, "green-origin.example.net"))));
        String id = requestSwap();

        approveAndAwait(id, ApprovalState.DONE);

        assertThat(h.store.get(id).orElseThrow().outcome())
                .contains("Resolvers may keep the old target for up to 3600 s (the TTL of the records replaced)");
    }

    @Test
    void theCachingNoteForAliasesIsTheirSixtySeconds() {
        String id = requestSwap();

        approveAndAwait(id, ApprovalState.DONE);

        assertThat(h.store.get(id).orElseThrow().outcome())
                .contains("Resolvers may keep the old target for up to 60 s (the alias TTL)");
    }
}
