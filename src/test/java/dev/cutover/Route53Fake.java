package dev.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.aws.ChangeXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** WireMock as Route 53, in its REST-XML wire format, with the fixtures in wiremock/route53/. */
final class Route53Fake {
    static final String ZONE = "Z0000000000000000001";
    static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
    static final String CHANGE = "/2013-04-01/change/C0123456789ABCDEFGHIJ";
    static final String BLUE_ALB = "dualstack.api-blue-1234567890.ap-northeast-1.elb.amazonaws.com.";
    static final String GREEN_ALB = "dualstack.api-green-0987654321.ap-northeast-1.elb.amazonaws.com.";
    static final String ELB_ZONE = "Z14GRHDCWA56QT";

    private final WireMockExtension wm;

    Route53Fake(WireMockExtension wm) {
        this.wm = wm;
    }

    String endpoint() {
        return "http://127.0.0.1:" + wm.getPort();
    }

    /** Both records as they start: blue → the blue ALB, green → the green ALB; changes accepted and INSYNC. */
    void stubOriginal() {
        listReturns(fixture("list-resource-record-sets-alias-pair.xml"));
        changeReturns(xml(200, fixture("change-resource-record-sets-pending.xml")));
        wm.stubFor(get(urlEqualTo(CHANGE)).willReturn(xml(200, fixture("get-change-insync.xml"))));
    }

    /** ListResourceRecordSets answers {@code body} from now on (the newest stub wins). */
    void listReturns(String body) {
        wm.stubFor(get(urlPathEqualTo(RRSET)).willReturn(xml(200, body)));
    }

    /** The records after a swap: blue → the green ALB, green → the blue ALB. */
    void listSwapped() {
        listReturns(aliasPair(GREEN_ALB, BLUE_ALB));
    }

    void changeReturns(ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(response));
    }

    /** GetChange answers PENDING once, then INSYNC. */
    void pendingOnceThenInsync() {
        wm.stubFor(get(urlEqualTo(CHANGE))
                .inScenario("insync")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(200, fixture("get-change-pending.xml")))
                .willSetStateTo("insync"));
        wm.stubFor(get(urlEqualTo(CHANGE))
                .inScenario("insync")
                .whenScenarioStateIs("insync")
                .willReturn(xml(200, fixture("get-change-insync.xml"))));
    }

    void alwaysPending() {
        wm.stubFor(get(urlEqualTo(CHANGE)).willReturn(xml(200, fixture("get-change-pending.xml"))));
    }

    /** The first ChangeResourceRecordSets is throttled, the next accepted. */
    void throttledOnce() {
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(400, fixture("error-throttling.xml")))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("throttle")
                .whenScenarioStateIs("ok")
                .willReturn(xml(200, fixture("change-resource-record-sets-pending.xml"))));
    }

    /** Bodies of every ChangeResourceRecordSets received. */
    List<String> changeBodies() {
        return wm.findAll(postRequestedFor(urlEqualTo(RRSET + "/"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .toList();
    }

    int getChangeCount() {
        return wm.findAll(getRequestedFor(urlEqualTo(CHANGE))).size();
    }

    static List<ChangeXml.Change> changes(String body) {
        return ChangeXml.changes(body);
    }

    static String aliasPair(String blueTarget, String greenTarget) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ResourceRecordSets>
                    <ResourceRecordSet>
                      <Name>blue.example.com.</Name>
                      <Type>A</Type>
                      <AliasTarget>
                        <HostedZoneId>%3$s</HostedZoneId>
                        <DNSName>%1$s</DNSName>
                        <EvaluateTargetHealth>false</EvaluateTargetHealth>
                      </AliasTarget>
                    </ResourceRecordSet>
                    <ResourceRecordSet>
                      <Name>green.example.com.</Name>
                      <Type>A</Type>
                      <AliasTarget>
                        <HostedZoneId>%3$s</HostedZoneId>
                        <DNSName>%2$s</DNSName>
                        <EvaluateTargetHealth>false</EvaluateTargetHealth>
                      </AliasTarget>
                    </ResourceRecordSet>
                  </ResourceRecordSets>
                  <IsTruncated>false</IsTruncated>
                  <MaxItems>100</MaxItems>
                </ListResourceRecordSetsResponse>
                """
                .formatted(blueTarget, greenTarget, ELB_ZONE);
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-00000000000f")
                .withBody(body);
    }

    static String fixture(String name) {
        try (InputStream in = Route53Fake.class.getResourceAsStream("/wiremock/route53/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
