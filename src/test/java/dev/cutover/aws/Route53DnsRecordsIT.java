package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.config.AwsSettings;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.SwapPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** Route53DnsRecords through the real SDK client against WireMock speaking Route 53's REST-XML. */
public class Route53DnsRecordsIT {
    static final String ZONE = "Z0000000000000000001";
    static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
    static final String CHANGE = "/2013-04-01/change/C0123456789ABCDEFGHIJ";
    static final int MAX_ATTEMPTS = 3;
    static final SwapPair PAIR = new SwapPair("api", ZONE, "blue.example.com.", "green.example.com.");
    static final AliasTarget BLUE_ALB =
            new AliasTarget("Z14GRHDCWA56QT", "dualstack.api-blue-1234567890.ap-northeast-1.elb.amazonaws.com.", false);
    static final AliasTarget GREEN_ALB = new AliasTarget(
            "Z14GRHDCWA56QT", "dualstack.api-green-0987654321.ap-northeast-1.elb.amazonaws.com.", false);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;
    Route53DnsRecords dns;

    @BeforeEach
    void setUp() {
        AwsSettings settings = new AwsSettings("us-east-1", URI.create("http://127.0.0.1:" + wm.getPort()), null);
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST", "test-secret"));
        clients = AwsClients.create(settings, credentials, fastRetries(MAX_ATTEMPTS));
        dns = new Route53DnsRecords(clients.route53(), Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    /** The SDK's standard strategy (same retry conditions) with a known attempt count and short delays. */
    static RetryStrategy fastRetries(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .circuitBreakerEnabled(false)
                .build();
    }

    static String fixture(String name) {
        try (InputStream in = Route53DnsRecordsIT.class.getResourceAsStream("/wiremock/route53/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Route 53 answer: {@code fixture} from {@code wiremock/route53/} with {@code status}. */
    public static ResponseDefinitionBuilder xml(int status, String fixture) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-00000000000f")
                .withBody(fixture(fixture));
    }

    void listReturns(String fixture) {
        wm.stubFor(get(urlPathEqualTo(RRSET)).willReturn(xml(200, fixture)));
    }

    SwapPlan planAliasPair() {
        listReturns("list-resource-record-sets-alias-pair.xml");
        return new SwapPlanner(dns).plan(PAIR);
    }

    @Test
    void readsTheAliasPairExactlyAsReturned() {
        listReturns("list-resource-record-sets-alias-pair.xml");

        assertThat(dns.read("/hostedzone/" + ZONE, "Blue.Example.com"))
                .containsExactly(RecordSet.alias("blue.example.com.", "A", BLUE_ALB));
        assertThat(dns.read(ZONE, "green.example.com."))
                .containsExactly(RecordSet.alias("green.example.com.", "A", GREEN_ALB));
        wm.verify(getRequestedFor(urlEqualTo(RRSET + "?name=blue.example.com.")));
    }

    @Test
    void pagesWhileTheNextPageStartsAtTheSameNameAndDecodesTheWildcard() {
        wm.stubFor(get(urlEqualTo(RRSET + "?name=%2A.example.com."))
                .willReturn(xml(200, "list-resource-record-sets-truncated-page1.xml")));
        wm.stubFor(get(urlEqualTo(RRSET + "?name=%5C052.example.com.&type=AAAA"))
                .willReturn(xml(200, "list-resource-record-sets-truncated-page2.xml")));

        assertThat(dns.read(ZONE, "*.example.com."))
                .containsExactly(
                        RecordSet.plain("*.example.com.", "A", 60, List.of("192.0.2.20")),
                        RecordSet.plain("*.example.com.", "AAAA", 60, List.of("2001:db8::20")));
        wm.verify(2, getRequestedFor(urlPathEqualTo(RRSET)));
    }

    @Test
    void submitsDeleteAsReadThenCreateExchangedInOnePost() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(200, "change-resource-record-sets-pending.xml")));

        String changeId = dns.submit(plan.pair().zoneId(), plan.changes(), "swap api by U0000000001");

        assertThat(changeId).isEqualTo("C0123456789ABCDEFGHIJ");
        List<ChangeXml.Change> sent = ChangeXml.changes(onlyPostBody());
        assertThat(sent)
                .containsExactly(
                        new ChangeXml.Change("DELETE", "blue.example.com.", "A", BLUE_ALB),
                        new ChangeXml.Change("DELETE", "green.example.com.", "A", GREEN_ALB),
                        new ChangeXml.Change("CREATE", "blue.example.com.", "A", GREEN_ALB),
                        new ChangeXml.Change("CREATE", "green.example.com.", "A", BLUE_ALB));
        assertThat(ChangeXml.comment(onlyPostBody())).isEqualTo("swap api by U0000000001");
        assertThat(onlyPostBody()).doesNotContain("UPSERT");
    }

    String onlyPostBody() {
        var posts = wm.findAll(postRequestedFor(urlEqualTo(RRSET + "/")));
        assertThat(posts).hasSize(1);
        return posts.get(0).getBodyAsString();
    }

    @Test
    void invalidChangeBatchIsDriftedWithRoute53sReason() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(400, "error-invalid-change-batch.xml")));

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap"))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED);
                    assertThat(e.getMessage())
                            .isEqualTo("the records changed since the request; nothing was applied ([Tried to delete"
                                    + " resource record set [name='blue.example.com.', type='A'] but the values"
                                    + " provided do not match the current values])");
                });
        wm.verify(1, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void throttlingThenSuccessIsAppliedByTheSdksRetry() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(400, "error-throttling.xml"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("throttle")
                .whenScenarioStateIs("ok")
                .willReturn(xml(200, "change-resource-record-sets-pending.xml")));

        assertThat(dns.submit(ZONE, plan.changes(), "swap")).isEqualTo("C0123456789ABCDEFGHIJ");
        wm.verify(2, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void aRejectionOfARetriedBatchWarnsThatAnEarlierAttemptMayHaveApplied() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("retry")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("rejected"));
        wm.stubFor(post(urlEqualTo(RRSET + "/"))
                .inScenario("retry")
                .whenScenarioStateIs("rejected")
                .willReturn(xml(400, "error-invalid-change-batch.xml")));

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap"))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.DRIFTED);
                    assertThat(e.getMessage())
                            .startsWith("the records did not match when the request was retried ([Tried to delete")
                            .endsWith("an earlier attempt may have applied it: read the records before trying again");
                });
        wm.verify(2, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void throttlingOnEveryAttemptIsThrottled() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(400, "error-throttling.xml")));

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap"))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.THROTTLED);
                    assertThat(e.getMessage()).isEqualTo("Route 53 is throttling; nothing was applied");
                });
        wm.verify(MAX_ATTEMPTS, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void noSuchHostedZoneIsAnAwsErrorThatSaysNothingWasApplied() {
        SwapPlan plan = planAliasPair();
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(404, "error-no-such-hosted-zone.xml")));

        assertThatThrownBy(() -> dns.submit(ZONE, plan.changes(), "swap"))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.AWS_ERROR);
                    assertThat(e.getMessage())
                            .isEqualTo("hosted zone " + ZONE + " does not exist or this account cannot see it"
                                    + " (NoSuchHostedZone: No hosted zone found with ID: Z0000000000000000404);"
                                    + " nothing was applied")
                            .doesNotContain("test-secret", "AKIDTEST", "\tat ");
                });
        wm.verify(1, postRequestedFor(urlEqualTo(RRSET + "/")));
    }

    @Test
    void waitsUntilGetChangeSaysInsync() {
        wm.stubFor(get(urlEqualTo(CHANGE))
                .inScenario("insync")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(200, "get-change-pending.xml"))
                .willSetStateTo("insync"));
        wm.stubFor(get(urlEqualTo(CHANGE))
                .inScenario("insync")
                .whenScenarioStateIs("insync")
                .willReturn(xml(200, "get-change-insync.xml")));

        Duration took = dns.awaitInsync("/change/C0123456789ABCDEFGHIJ", Duration.ofSeconds(5));

        assertThat(took).isPositive().isLessThan(Duration.ofSeconds(5));
        wm.verify(2, getRequestedFor(urlEqualTo(CHANGE)));
    }

    @Test
    void alwaysPendingTimesOutWithTheChangeIdAndTheCommandToCheckIt() {
        wm.stubFor(get(urlEqualTo(CHANGE)).willReturn(xml(200, "get-change-pending.xml")));

        assertThatThrownBy(() -> dns.awaitInsync("C0123456789ABCDEFGHIJ", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(SwapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SwapException.Kind.INSYNC_TIMEOUT);
                    assertThat(e.getMessage())
                            .isEqualTo("submitted as change C0123456789ABCDEFGHIJ; not INSYNC after 0.3 s — it may"
                                    + " still complete; check `aws route53 get-change --id C0123456789ABCDEFGHIJ`");
                });
    }

    @Test
    void plainRecordsAndACnameRoundTripWithTtlAndValues() {
        listReturns("list-resource-record-sets-plain-and-cname.xml");
        // The planner refuses this pair (a CNAME would land beside blue's TXT); the wire format is the point here.
        SwapPlan plan = new SwapPlan(PAIR, dns.read(ZONE, PAIR.blue()), dns.read(ZONE, PAIR.green()));
        RecordSet blueA = RecordSet.plain("blue.example.com.", "A", 60, List.of("192.0.2.10", "192.0.2.11"));
        RecordSet greenCname = RecordSet.plain("green.example.com.", "CNAME", 300, List.of("green-origin.example.net"));
        assertThat(plan.blueBefore()).containsExactly(blueA);
        assertThat(plan.greenBefore()).containsExactly(greenCname);
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(200, "change-resource-record-sets-pending.xml")));

        dns.submit(ZONE, plan.changes(), "swap");

        assertThat(ChangeXml.plainChanges(onlyPostBody()))
                .containsExactly(
                        "DELETE blue.example.com. A 60 [192.0.2.10, 192.0.2.11]",
                        "DELETE green.example.com. CNAME 300 [green-origin.example.net]",
                        "CREATE blue.example.com. CNAME 300 [green-origin.example.net]",
                        "CREATE green.example.com. A 60 [192.0.2.10, 192.0.2.11]");
        assertThatThrownBy(() -> new SwapPlanner(dns).plan(PAIR))
                .hasMessageContaining("CNAME at blue.example.com., which also holds TXT");
    }

    @Test
    void anAliasSwapsWithACname() {
        RecordSet blue = RecordSet.alias("blue.example.com.", "A", BLUE_ALB);
        RecordSet green = RecordSet.plain("green.example.com.", "CNAME", 300, List.of("green-origin.example.net"));
        SwapPlan plan = new SwapPlan(PAIR, List.of(blue), List.of(green));
        wm.stubFor(post(urlEqualTo(RRSET + "/")).willReturn(xml(200, "change-resource-record-sets-pending.xml")));

        dns.submit(ZONE, plan.changes(), "swap");

        String body = onlyPostBody();
        assertThat(ChangeXml.changes(body))
                .containsExactly(
                        new ChangeXml.Change("DELETE", "blue.example.com.", "A", BLUE_ALB),
                        new ChangeXml.Change("DELETE", "green.example.com.", "CNAME", null),
                        new ChangeXml.Change("CREATE", "blue.example.com.", "CNAME", null),
                        new ChangeXml.Change("CREATE", "green.example.com.", "A", BLUE_ALB));
        assertThat(ChangeXml.plainChanges(body))
                .containsExactly(
                        "DELETE green.example.com. CNAME 300 [green-origin.example.net]",
                        "CREATE blue.example.com. CNAME 300 [green-origin.example.net]");
    }
}
