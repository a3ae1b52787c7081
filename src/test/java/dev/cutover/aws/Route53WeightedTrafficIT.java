package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.core.traffic.DnsWeightedTraffic;
import dev.cutover.core.traffic.TrafficException;
import dev.cutover.core.traffic.Weights;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code route53-weighted} backend through the real SDK client against WireMock speaking Route
 * 53's REST-XML: one batch of DELETE (exact current, with SetIdentifier and Weight) and CREATE (new
 * weight) for both records, and a refusal on drift.
 */
class Route53WeightedTrafficIT {
    static final String ZONE = "Z0000000000000000001";
    static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
    static final String BLUE_ALB = "dualstack.api-blue-1234567890.ap-northeast-1.elb.amazonaws.com.";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;
    DnsWeightedTraffic traffic;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 3);
        traffic = new DnsWeightedTraffic(
                new Route53DnsRecords(clients.route53(), Duration.ofMillis(50)),
                ZONE,
                "API.example.com",
                "api-blue",
                "api-green");
        wm.stubFor(get(urlPathEqualTo(RRSET))
                .willReturn(Route53DnsRecordsIT.xml(200, "list-resource-record-sets-weighted.xml")));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void readsBothSidesWeightsBySetIdentifier() {
        assertThat(traffic.read()).isEqualTo(new Weights(90, 10));
    }

    @Test
    void aWeightChangeIsOneBatchDeletingBothRecordsExactlyAndCreatingThemWithTheNewWeights() {
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .willReturn(Route53DnsRecordsIT.xml(200, "change-resource-record-sets-pending.xml")));

        traffic.set(new Weights(90, 10), new Weights(50, 50), "shift api step 2 by U0000000001");

        var posts = wm.findAll(postRequestedFor(urlEqualTo(RRSET + "/")));
        assertThat(posts).hasSize(1);
        String body = posts.get(0).getBodyAsString();
        assertThat(changes(body))
                .containsExactly(
                        "DELETE api.example.com. A api-blue 90 alias " + BLUE_ALB + " true",
                        "DELETE api.example.com. A api-green 10 ttl 60 192.0.2.44"
                                + " health abcdef11-2222-3333-4444-555555fedcba",
                        "CREATE api.example.com. A api-blue 50 alias " + BLUE_ALB + " true",
                        "CREATE api.example.com. A api-green 50 ttl 60 192.0.2.44"
                                + " health abcdef11-2222-3333-4444-555555fedcba");
        assertThat(body).doesNotContain("UPSERT").contains("<Comment>shift api step 2 by U0000000001</Comment>");
    }

    @Test
    void weightsThatDriftedSinceThePlanAreRefusedWithoutAWrite() {
        assertThatThrownBy(() -> traffic.set(new Weights(50, 50), new Weights(0, 100), "shift"))
                .isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TrafficException.Kind.DRIFTED);
                    assertThat(e.getMessage())
                            .isEqualTo("the weights changed since the plan; nothing was applied (expected blue 50 /"
                                    + " green 50, now blue 90 / green 10)");
                });
        wm.verify(0, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void aBatchRoute53RefusesBecauseARecordChangedAfterTheReadIsDriftedWithTheDifference() {
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(error("InvalidChangeBatch", REFUSAL)));

        assertThatThrownBy(() -> traffic.set(new Weights(90, 10), new Weights(50, 50), "shift"))
                .isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TrafficException.Kind.DRIFTED);
                    assertThat(e.getMessage())
                            .startsWith("Route 53 refused the weight change: the records changed since the request;"
                                    + " nothing was applied (" + REFUSAL + ")")
                            .endsWith("; expected blue 90 / green 10, now blue 90 / green 10");
                });
        wm.verify(1, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    /** A refusal for another reason is definite too: the shift stops on it instead of retrying it. */
    @Test
    void aBatchRoute53RefusesForAnotherReasonIsRefusedWithRoute53sReason() {
        String other = "[RRSet of type CNAME with DNS name api.example.com. is not permitted because a conflicting"
                + " RRSet of type A with the same DNS name already exists in zone example.com.]";
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(error("InvalidChangeBatch", other)));

        assertThatThrownBy(() -> traffic.set(new Weights(90, 10), new Weights(50, 50), "shift"))
                .isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TrafficException.Kind.REFUSED);
                    assertThat(e.getMessage())
                            .isEqualTo("Route 53 refused the change batch: " + other + "; nothing was applied");
                });
        wm.verify(1, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void aMissingSideIsNotFound() {
        DnsWeightedTraffic other = new DnsWeightedTraffic(
                new Route53DnsRecords(clients.route53()), ZONE, "api.example.com.", "api-blue", "api-canary");

        assertThatThrownBy(other::read)
                .isInstanceOfSatisfying(
                        TrafficException.class, e -> assertThat(e.kind()).isEqualTo(TrafficException.Kind.NOT_FOUND))
                .hasMessage("no weighted record api.example.com. with SetIdentifier api-canary in zone " + ZONE);
    }

    static final String REFUSAL = "[Tried to delete resource record set [name='api.example.com.', type='A',"
            + " set-identifier='api-blue'] but the values provided do not match the current values]";

    static ResponseDefinitionBuilder error(String code, String message) {
        return aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "text/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error>"
                        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message.replace("'", "&apos;")
                        + "</Message></Error><RequestId>00000000-0000-0000-0000-000000000003</RequestId>"
                        + "</ErrorResponse>");
    }

    /** Each change as {@code ACTION name type setId weight (alias dns eval | ttl n values) [health id]}. */
    static List<String> changes(String body) {
        try {
            var doc = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            NodeList nodes = doc.getElementsByTagName("Change");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element c = (Element) nodes.item(i);
                String s = text(c, "Action") + " " + text(c, "Name") + " " + text(c, "Type") + " "
                        + text(c, "SetIdentifier") + " " + text(c, "Weight");
                s += text(c, "DNSName") != null
                        ? " alias " + text(c, "DNSName") + " " + text(c, "EvaluateTargetHealth")
                        : " ttl " + text(c, "TTL") + " " + text(c, "Value");
                s += text(c, "HealthCheckId") == null ? "" : " health " + text(c, "HealthCheckId");
                out.add(s);
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not XML: " + body, e);
        }
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent();
    }
}
