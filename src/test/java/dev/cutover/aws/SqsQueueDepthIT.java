package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueDepthContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SqsQueueDepth} through the real SQS client (AWS JSON 1.0) against WireMock; the wire
 * details are in {@link MonitoringClientsIT}.
 */
class SqsQueueDepthIT extends QueueDepthContract {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 1);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Override
    protected QueueDepth withQueue(double visible, Clock clock) {
        String url = "http://127.0.0.1:" + wm.getPort() + "/000000000000/" + QUEUE;
        wm.stubFor(post(urlPathEqualTo("/"))
                .atPriority(9)
                .withHeader("X-Amz-Target", equalTo(MonitoringClientsIT.SQS + "GetQueueUrl"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withHeader("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
                        .withBody("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                                + "\"message\":\"The specified queue does not exist.\"}")));
        wm.stubFor(post(urlPathEqualTo("/"))
                .atPriority(1)
                .withHeader("X-Amz-Target", equalTo(MonitoringClientsIT.SQS + "GetQueueUrl"))
                .withRequestBody(matchingJsonPath("$.QueueName", equalTo(QUEUE)))
                .willReturn(MonitoringClientsIT.json("1.0", "{\"QueueUrl\":\"" + url + "\"}")));
        wm.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(MonitoringClientsIT.SQS + "GetQueueAttributes"))
                .withRequestBody(matchingJsonPath("$.QueueUrl", equalTo(url)))
                .willReturn(MonitoringClientsIT.json(
                        "1.0", "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"" + (long) visible + "\"}}")));
        return new SqsQueueDepth(clients.sqs(), clock);
    }
}
