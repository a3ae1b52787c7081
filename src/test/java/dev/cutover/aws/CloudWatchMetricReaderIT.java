package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.Traffic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

/** The real CloudWatch client (Smithy RPC v2 CBOR) against WireMock. */
class CloudWatchMetricReaderIT {
    static final String PATH = "/service/GraniteServiceVersion20100801/operation/GetMetricData";
    static final Instant NOW = Instant.parse("2026-01-01T10:15:00Z");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;
    CloudWatchMetricReader reader;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 3);
        reader = new CloudWatchMetricReader(clients.cloudWatch());
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder cbor(byte[] body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(body);
    }

    static List<MetricQuery> queues(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new MetricQuery(
                        "AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", "q" + i), "Maximum", 60))
                .toList();
    }

    List<LoggedRequest> calls() {
        return wm.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void fiveHundredMetricsAreOneCall() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(cbor(Cbor.getMetricData(List.of()))));

        Map<MetricQuery, MetricSeries> out = reader.read(queues(500), NOW.minusSeconds(900), NOW);

        assertThat(calls()).hasSize(1);
        assertThat(Cbor.strings(calls().get(0).getBody(), "Id")).hasSize(500);
        assertThat(out).hasSize(500).allSatisfy((q, s) -> assertThat(s.points()).isEmpty());
    }

    @Test
    void fiveHundredAndOneMetricsAreTwoCalls() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(cbor(Cbor.getMetricData(List.of()))));

        reader.read(queues(501), NOW.minusSeconds(900), NOW);

        assertThat(calls()).hasSize(2);
        assertThat(calls().stream().map(r -> Cbor.strings(r.getBody(), "Id").size()))
                .containsExactlyInAnyOrder(500, 1);
        assertThat(calls().get(0).getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(calls().get(0).getHeader("Content-Type")).isEqualTo("application/cbor");
    }

    @Test
    void queueMetricsTakeTheNewestPointAndLeaveOutQueuesWithoutData() {
        Instant t1 = NOW.minusSeconds(120);
        Instant t2 = NOW.minusSeconds(60);
        wm.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(cbor(Cbor.getMetricData(List.of(
                        new Cbor.Result("m0", List.of(t2, t1), List.of(340.0, 120.0), "Complete"),
                        new Cbor.Result("m1", List.of(t2), List.of(95.0), "PartialData"),
                        new Cbor.Result("m2", List.of(), List.of(), "Complete"),
                        new Cbor.Result("m3", List.of(), List.of(), "Complete"))))));

        Map<String, QueueSample> out = new CloudWatchQueueMetrics(reader).read(List.of("orders-worker", "idle"), NOW);

        assertThat(out).containsOnlyKeys("orders-worker");
        assertThat(out.get("orders-worker")).isEqualTo(new QueueSample(t2, 340.0, 95.0));
        assertThat(Cbor.strings(calls().get(0).getBody(), "MetricName"))
                .containsExactly(
                        "ApproximateNumberOfMessagesVisible",
                        "ApproximateAgeOfOldestMessage",
                        "ApproximateNumberOfMessagesVisible",
                        "ApproximateAgeOfOldestMessage");
    }

    @Test
    void targetGroupTrafficSumsTheCountsAndTakesTheNewestP95InOneCall() {
        Instant t1 = NOW.minusSeconds(120);
        Instant t2 = NOW.minusSeconds(60);
        wm.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(cbor(Cbor.getMetricData(List.of(
                        new Cbor.Result("m0", List.of(t2, t1), List.of(3.0, 4.0), "Complete"),
                        new Cbor.Result("m1", List.of(t2, t1), List.of(100.0, 150.0), "Complete"),
                        new Cbor.Result("m2", List.of(t1, t2), List.of(0.4, 0.25), "Complete"))))));

        Traffic out = new CloudWatchTargetGroupTraffic(reader)
                .read("app/green-alb/0123", "targetgroup/green-tg/4567", NOW.minusSeconds(300), NOW);

        assertThat(out).isEqualTo(new Traffic(250.0, 7.0, OptionalDouble.of(0.25)));
        assertThat(calls()).hasSize(1);
        byte[] body = calls().get(0).getBody();
        assertThat(Cbor.strings(body, "Namespace")).containsOnly("AWS/ApplicationELB");
        assertThat(Cbor.strings(body, "MetricName"))
                .containsExactly("HTTPCode_Target_5XX_Count", "RequestCount", "TargetResponseTime");
        assertThat(Cbor.strings(body, "Stat")).containsExactly("Sum", "Sum", "p95");
        assertThat(Cbor.strings(body, "Value")).contains("app/green-alb/0123", "targetgroup/green-tg/4567");
    }

    @Test
    void throttlingIsRetriedWithBackoff() {
        wm.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/cbor")
                        .withHeader("smithy-protocol", "rpc-v2-cbor")
                        .withHeader("x-amzn-query-error", "Throttling;Sender")
                        .withBody(Cbor.error("Throttling", "Rate exceeded")))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("throttle")
                .whenScenarioStateIs("ok")
                .willReturn(cbor(Cbor.getMetricData(List.of()))));

        reader.read(queues(2), NOW.minusSeconds(900), NOW);

        assertThat(calls()).hasSize(2);
    }

    @Test
    void aFailureAfterTheRetriesIsThrownWithItsCode() {
        wm.stubFor(post(urlPathEqualTo(PATH))
                .withHeader("smithy-protocol", equalTo("rpc-v2-cbor"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/cbor")
                        .withHeader("smithy-protocol", "rpc-v2-cbor")
                        .withHeader("x-amzn-query-error", "Throttling;Sender")
                        .withBody(Cbor.error("Throttling", "Rate exceeded"))));

        assertThatThrownBy(() -> reader.read(queues(2), NOW.minusSeconds(900), NOW))
                .isInstanceOfSatisfying(
                        CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
        assertThat(calls()).hasSize(3);
    }
}
