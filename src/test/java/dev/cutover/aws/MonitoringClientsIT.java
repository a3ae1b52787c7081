package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** The real SQS (AWS JSON 1.0), ECS and Application Auto Scaling (AWS JSON 1.1) clients against WireMock. */
class MonitoringClientsIT {
    static final String SQS = "AmazonSQS.";
    static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    static final String AAS = "AnyScaleFrontendService.";
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 2);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    static ResponseDefinitionBuilder json(String version, String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-" + version)
                .withBody(body);
    }

    @Test
    void sqsResolvesTheUrlOnceAndReadsTheCountString() {
        String url = "http://127.0.0.1:" + wm.getPort() + "/000000000000/orders-worker";
        wm.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(SQS + "GetQueueUrl"))
                .willReturn(json("1.0", "{\"QueueUrl\":\"" + url + "\"}")));
        wm.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(SQS + "GetQueueAttributes"))
                .withRequestBody(matchingJsonPath("$.QueueUrl", equalTo(url)))
                .withRequestBody(containing("ApproximateNumberOfMessages"))
                .willReturn(json("1.0", "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"342\"}}")));
        SqsQueueDepth depth = new SqsQueueDepth(clients.sqs(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(depth.read("orders-worker").visible()).isEqualTo(342.0);
        assertThat(depth.read("orders-worker").at()).isEqualTo(NOW);
        assertThat(wm.findAll(
                        postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(SQS + "GetQueueUrl"))))
                .hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/"))).get(0).getHeader("Content-Type"))
                .startsWith("application/x-amz-json-1.0");
    }

    @Test
    void sqsMissingQueueIsTyped() {
        wm.stubFor(
                post(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(SQS + "GetQueueUrl"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                                        .withHeader(
                                                "x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
                                        .withBody(
                                                "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}")));
        SqsQueueDepth depth = new SqsQueueDepth(clients.sqs(), Clock.systemUTC());

        assertThatThrownBy(() -> depth.read("nope")).isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void ecsDescribesTenServicesACall() {
        wm.stubFor(
                post(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(ECS + "DescribeServices"))
                        .willReturn(
                                json(
                                        "1.1",
                                        """
                        {"services":[{"serviceName":"s0","status":"ACTIVE","desiredCount":5,"runningCount":3,"pendingCount":2},
                                     {"serviceName":"gone","status":"INACTIVE","desiredCount":0,"runningCount":0,"pendingCount":0}],
                         "failures":[{"arn":"arn:aws:ecs:us-east-1:000000000000:service/prod/s9","reason":"MISSING"}]}""")));
        List<String> names = IntStream.range(0, 11).mapToObj(i -> "s" + i).toList();

        Map<String, ServiceCounts> out = new EcsServiceStatus(clients.ecs()).describe("prod", names);

        assertThat(out).containsExactly(Map.entry("s0", new ServiceCounts(5, 3, 2)));
        var calls = wm.findAll(postRequestedFor(urlPathEqualTo("/")));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getBodyAsString())
                .contains("\"cluster\":\"prod\"")
                .contains("\"s9\"")
                .doesNotContain("\"s10\"");
        assertThat(calls.get(1).getBodyAsString()).contains("\"s10\"");
    }

    @Test
    void scalingActivitiesAreReadUntilTheLastOneSeen() {
        wm.stubFor(
                post(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(AAS + "DescribeScalingActivities"))
                        .withRequestBody(matchingJsonPath("$.ResourceId", equalTo("service/prod/worker")))
                        .withRequestBody(matchingJsonPath("$.ServiceNamespace", equalTo("ecs")))
                        .willReturn(
                                json(
                                        "1.1",
                                        """
                        {"ScalingActivities":[
                          {"ActivityId":"a3","ServiceNamespace":"ecs","ResourceId":"service/prod/worker",
                           "ScalableDimension":"ecs:service:DesiredCount","Description":"Setting desired count to 10.",
                           "Cause":"monitor alarm orders-high in state ALARM triggered policy step","StartTime":1767225600.5,
                           "StatusCode":"InProgress"},
                          {"ActivityId":"a2","ServiceNamespace":"ecs","ResourceId":"service/prod/worker",
                           "ScalableDimension":"ecs:service:DesiredCount","Description":"Setting desired count to 5.",
                           "Cause":"monitor alarm","StartTime":1767225500,"StatusCode":"Successful"},
                          {"ActivityId":"a1","ServiceNamespace":"ecs","ResourceId":"service/prod/worker",
                           "ScalableDimension":"ecs:service:DesiredCount","Description":"Setting desired count to 1.",
                           "Cause":"monitor alarm","StartTime":1767225400,"StatusCode":"Successful"}],
                         "NextToken":"more"}""")));

        List<ScalingActivity> out =
                new AutoScalingHistory(clients.applicationAutoScaling()).newerThan("service/prod/worker", "a2");

        assertThat(out).extracting(ScalingActivity::id).containsExactly("a3");
        assertThat(out.get(0).status()).isEqualTo("InProgress");
        assertThat(out.get(0).start()).isEqualTo(Instant.ofEpochMilli(1767225600500L));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/"))).get(0).getBodyAsString())
                .contains("\"ScalableDimension\":\"ecs:service:DesiredCount\"");
    }
}
