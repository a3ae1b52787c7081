package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.alert.AlarmChange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading alarm state changes from the envelopes SQS delivers them in. */
class AlarmEventsTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-latency";

    @Test
    void anEventBridgeEventGivesTheAlarmItsStateTimeMetricAndThreshold() {
        AlarmChange c = AlarmEvents.parse(
                        AlarmQueueIT.fixture("eventbridge-state-change.json").toString())
                .orElseThrow();

        assertThat(c.arn()).isEqualTo(ARN);
        assertThat(c.name()).isEqualTo("orders-latency");
        assertThat(c.state()).isEqualTo("ALARM");
        assertThat(c.previous()).isEqualTo("OK");
        assertThat(c.at()).isEqualTo(Instant.parse("2026-12-05T21:00:00Z"));
        assertThat(c.reason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints");
        assertThat(c.metric()).isEqualTo("AWS/ApplicationELB/HTTPCode_Target_5XX_Count");
        assertThat(c.threshold()).isEqualTo("5");
        assertThat(c.firing()).isTrue();
    }

    @Test
    void anSnsNotificationAndItsRawMessageGiveTheSameChange() throws Exception {
        ObjectNode n = AlarmQueueIT.fixture("sns-notification.json");
        AlarmChange wrapped = AlarmEvents.parse(n.toString()).orElseThrow();
        AlarmChange raw = AlarmEvents.parse(n.path("Message").asText()).orElseThrow();

        assertThat(raw).isEqualTo(wrapped);
        assertThat(wrapped.arn()).isEqualTo(ARN);
        assertThat(wrapped.state()).isEqualTo("OK");
        assertThat(wrapped.previous()).isEqualTo("ALARM");
        assertThat(wrapped.at()).isEqualTo(Instant.parse("2026-12-05T21:07:00Z"));
        assertThat(wrapped.metric()).isEqualTo("AWS/ApplicationELB/TargetResponseTime");
        assertThat(wrapped.threshold()).isEqualTo("GreaterThanThreshold 1.5");
    }

    @Test
    void anotherKindOfEventIsNothingToDo() {
        ObjectNode e = AlarmQueueIT.fixture("eventbridge-state-change.json");
        e.put("detail-type", "EC2 Instance State-change Notification");

        assertThat(AlarmEvents.parse(e.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[1, 2]",
                "{\"Type\": \"Notification\", \"Message\": \"{oops\"}",
                "{\"something\": \"else\"}",
                "{\"AlarmName\": \"a\", \"AlarmArn\": \"arn\", \"NewStateValue\": \"OK\", \"StateChangeTime\": \"yesterday\"}",
                "{\"detail-type\": \"CloudWatch Alarm State Change\", \"detail\": {\"alarmName\": \"a\"}}"
            })
    void aMalformedBodyIsRefusedWithoutRepeatingIt(String body) {
        assertThatThrownBy(() -> AlarmEvents.parse(body))
                .isInstanceOf(AlarmEvents.Malformed.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("oops")
                        .doesNotContain("yesterday")
                        .hasSizeLessThan(120));
    }

    /** Regression: Jackson's nesting and number limits throw without a location, and the NPE killed the reader. */
    @Test
    void bodiesPastJacksonsLimitsAreMalformedToo() {
        for (String body : List.of("[".repeat(5_000), "{\"n\": " + "9".repeat(2_000) + "}")) {
            assertThatThrownBy(() -> AlarmEvents.parse(body))
                    .isInstanceOf(AlarmEvents.Malformed.class)
                    .hasMessageContaining("not JSON");
        }
    }

    /** Regression: any state value was shown, e.g. an @channel mention in the message. */
    @Test
    void aStateOtherThanCloudWatchsThreeIsMalformed() {
        ObjectNode e = AlarmQueueIT.fixture("eventbridge-state-change.json");
        ((ObjectNode) e.path("detail").path("state")).put("value", "<!channel> *pwned*");

        assertThatThrownBy(() -> AlarmEvents.parse(e.toString()))
                .isInstanceOf(AlarmEvents.Malformed.class)
                .hasMessageContaining("ALARM, OK or INSUFFICIENT_DATA")
                .satisfies(x -> assertThat(x.getMessage()).doesNotContain("pwned"));
    }

    @Test
    void theMetricAndThresholdAreBounded() {
        ObjectNode e = AlarmQueueIT.fixture("eventbridge-state-change.json");
        ObjectNode metric = (ObjectNode) e.path("detail")
                .path("configuration")
                .path("metrics")
                .path(0)
                .path("metricStat")
                .path("metric");
        metric.put("name", "m".repeat(5_000));

        assertThat(AlarmEvents.parse(e.toString()).orElseThrow().metric()).hasSizeLessThanOrEqualTo(AlarmEvents.FIELD);
    }

    @Test
    void isoTimesAreReadToo() {
        ObjectNode e = AlarmQueueIT.fixture("eventbridge-state-change.json");
        ((ObjectNode) e.path("detail").path("state")).put("timestamp", "2026-12-05T21:00:00.5Z");

        assertThat(AlarmEvents.parse(e.toString()).orElseThrow().at())
                .isEqualTo(Instant.parse("2026-12-05T21:00:00.500Z"));
    }
}
