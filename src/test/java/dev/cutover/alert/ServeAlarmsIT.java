package dev.cutover.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.testing.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process reading the alarm queue (WireMock as SQS, in its JSON protocol):
 * an alarm is posted to Slack and deleted, and a SIGTERM during the next long poll ends the process
 * cleanly within the grace.
 */
class ServeAlarmsIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension sqs = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Map<String, String> TEST_AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDTESTTESTTEST",
            "AWS_SECRET_ACCESS_KEY", "test-secret",
            "AWS_EC2_METADATA_DISABLED", "true");

    @TempDir
    Path dir;

    @Test
    void serveReadsTheAlarmQueueAndASigtermDuringALongPollExitsWithinTheGrace() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0ORDERS\",\"ts\":\"1700000000.000100\"}")));
        String target = AlarmQueueIT.SQS;
        sqs.stubFor(
                post(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(target + "GetQueueAttributes"))
                        .willReturn(
                                AlarmQueueIT.json(
                                        "{\"Attributes\":{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:eu-west-1:123456789012:cutover-alarms-dlq\\\",\\\"maxReceiveCount\\\":5}\"}}")));
        sqs.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target + "DeleteMessage"))
                .willReturn(AlarmQueueIT.json("{}")));
        sqs.stubFor(post(urlPathEqualTo("/"))
                .inScenario("queue")
                .whenScenarioStateIs(Scenario.STARTED)
                .withHeader("X-Amz-Target", equalTo(target + "ReceiveMessage"))
                .willReturn(AlarmQueueIT.json(AlarmQueueIT.messages(AlarmQueueIT.eventBridge(
                        "orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "Threshold Crossed: 7 > 5"))))
                .willSetStateTo("drained"));
        // Later receives are long polls that find nothing, as SQS holds them for WaitTimeSeconds.
        sqs.stubFor(post(urlPathEqualTo("/"))
                .inScenario("queue")
                .whenScenarioStateIs("drained")
                .withHeader("X-Amz-Target", equalTo(target + "ReceiveMessage"))
                .willReturn(AlarmQueueIT.json("{\"Messages\":[]}").withFixedDelay(20_000)));
        String yaml =
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                aws: { region: eu-west-1, endpointOverride: "%s" }
                shutdown: { grace: 10s }
                alerts: { channel: C0ORDERS }
                alarms:
                  queue: %s/123456789012/cutover-alarms
                  routes:
                    - alarm: orders-*
                """
                        .formatted(slackApi.baseUrl(), sqs.baseUrl(), sqs.baseUrl());
        ServeProcess serve = ServeProcess.start(dir, "alarms", yaml, TEST_AWS_ENV);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !sqs.findAll(postRequestedFor(urlPathEqualTo("/"))
                                            .withHeader("X-Amz-Target", equalTo(target + "DeleteMessage")))
                                    .isEmpty()
                            || !serve.isAlive());
            assertThat(serve.isAlive()).as(serve.log()).isTrue();
            assertThat(slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                            .withRequestBody(containing("orders-latency"))))
                    .hasSize(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sqs.findAll(postRequestedFor(urlPathEqualTo("/"))
                                            .withHeader("X-Amz-Target", equalTo(target + "ReceiveMessage")))
                                    .size()
                            >= 2);

            serve.sigtermAndAwaitCleanExit(Duration.ofSeconds(10), () -> {});
            assertThat(serve.log()).contains("stopped in ").doesNotContain("no redrive policy");
        } finally {
            serve.close();
        }
    }
}
