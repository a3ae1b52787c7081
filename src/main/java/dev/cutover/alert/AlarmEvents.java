package dev.cutover.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.core.alert.AlarmChange;
import dev.cutover.reply.Mrkdwn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CloudWatch alarm state change from an SQS message body, in the envelopes that deliver it:
 *
 * <ul>
 *   <li>an EventBridge event ({@code source} {@code aws.cloudwatch}, {@code detail-type} {@code
 *       CloudWatch Alarm State Change}): {@code resources[0]} the alarm ARN, {@code detail.alarmName},
 *       {@code detail.state.value/reason/timestamp/reasonData}, {@code detail.previousState.value},
 *       {@code detail.configuration.metrics[].metricStat.metric.namespace/name};
 *   <li>an SNS notification ({@code Type} {@code Notification}) whose {@code Message} is the alarm's
 *       JSON ({@code AlarmName}, {@code AlarmArn}, {@code NewStateValue}, {@code NewStateReason},
 *       {@code StateChangeTime}, {@code OldStateValue}, {@code Trigger.MetricName/Namespace/Threshold/
 *       ComparisonOperator}), or that JSON alone (SNS raw message delivery).
 * </ul>
 *
 * <p>CloudWatch writes times like {@code 2026-12-05T21:04:40.989+0000}; ISO-8601 with {@code Z} or
 * {@code +00:00} is read too.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html">Alarm events and EventBridge</a>
 */
public final class AlarmEvents {
    /** The EventBridge detail type of alarm state changes. */
    public static final String DETAIL_TYPE = "CloudWatch Alarm State Change";

    /** The longest metric or threshold kept, in characters: Slack refuses a field over 2,000. */
    public static final int FIELD = 200;

    /** The states CloudWatch alarms have; any other value is refused, never shown. */
    private static final Set<String> STATES = Set.of(AlarmChange.ALARM, AlarmChange.OK, "INSUFFICIENT_DATA");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOUDWATCH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S][XXX][XX][X]");

    private AlarmEvents() {}

    /** A body that is not a readable alarm event; the message says what is wrong, never the body. */
    public static final class Malformed extends RuntimeException {
        Malformed(String problem) {
            super(problem);
        }
    }

    /**
     * The alarm state change in {@code body}.
     *
     * @return the change; empty for a well-formed event of another kind (nothing to do)
     * @throws Malformed when the body is not JSON, or an alarm event lacks a field or has a bad time
     */
    public static Optional<AlarmChange> parse(String body) {
        JsonNode root = tree(body, "the body");
        if (root.has("detail-type")) {
            return DETAIL_TYPE.equals(root.path("detail-type").asText())
                    ? Optional.of(eventBridge(root))
                    : Optional.empty();
        }
        if ("Notification".equals(root.path("Type").asText(null))) {
            return Optional.of(cloudWatch(tree(text(root, "Message"), "the SNS Message")));
        }
        if (root.has("AlarmName")) {
            return Optional.of(cloudWatch(root));
        }
        throw new Malformed("neither an EventBridge event, an SNS notification nor a CloudWatch alarm");
    }

    private static AlarmChange eventBridge(JsonNode e) {
        JsonNode d = e.path("detail");
        JsonNode state = d.path("state");
        String arn = e.path("resources").path(0).asText(null);
        if (arn == null || arn.isBlank()) {
            throw new Malformed("no resources[0] (the alarm ARN)");
        }
        JsonNode stat = null;
        for (JsonNode m : d.path("configuration").path("metrics")) {
            if (m.has("metricStat") && (stat == null || m.path("returnData").asBoolean(false))) {
                stat = m.path("metricStat").path("metric");
            }
        }
        String metric = stat == null
                ? null
                : stat.path("namespace").asText("") + "/" + stat.path("name").asText("");
        String threshold = null;
        String reasonData = state.path("reasonData").asText(null);
        if (reasonData != null) {
            try {
                JsonNode t = JSON.readTree(reasonData).path("threshold");
                threshold = t.isNumber() ? QueueAlertMessages.number(t.asDouble()) : null;
            } catch (JsonProcessingException ignored) {
                // reasonData is informative only; a change without it still reads
            }
        }
        return new AlarmChange(
                arn,
                text(d, "alarmName"),
                state(text(state, "value")),
                d.path("previousState").path("value").asText(null),
                state.path("reason").asText(""),
                time(text(state, "timestamp")),
                bounded(metric),
                bounded(threshold));
    }

    private static AlarmChange cloudWatch(JsonNode a) {
        JsonNode trigger = a.path("Trigger");
        String metric = trigger.hasNonNull("MetricName")
                ? trigger.path("Namespace").asText("") + "/"
                        + trigger.path("MetricName").asText()
                : null;
        String threshold = trigger.path("Threshold").isNumber()
                ? (trigger.path("ComparisonOperator").asText("") + " "
                                + QueueAlertMessages.number(
                                        trigger.path("Threshold").asDouble()))
                        .strip()
                : null;
        return new AlarmChange(
                text(a, "AlarmArn"),
                text(a, "AlarmName"),
                state(text(a, "NewStateValue")),
                a.path("OldStateValue").asText(null),
                a.path("NewStateReason").asText(""),
                time(text(a, "StateChangeTime")),
                bounded(metric),
                bounded(threshold));
    }

    private static JsonNode tree(@Nullable String text, String what) {
        try {
            JsonNode n = text == null ? null : JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new Malformed(what + " is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            // Jackson's stream limits (nesting depth, number or string length) come without a location.
            JsonLocation at = e.getLocation();
            throw new Malformed(what + " is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ")"));
        }
    }

    private static String state(String value) {
        if (!STATES.contains(value)) {
            throw new Malformed("the state is not ALARM, OK or INSUFFICIENT_DATA");
        }
        return value;
    }

    private static @Nullable String bounded(@Nullable String field) {
        return field == null ? null : Mrkdwn.cut(field, FIELD);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Malformed("no " + field);
        }
        return v.asText();
    }

    private static Instant time(String t) {
        try {
            return OffsetDateTime.parse(t, CLOUDWATCH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // Never the text itself: the body stays out of the log.
            throw new Malformed("the state change time is not a CloudWatch time (" + t.length() + " characters)");
        }
    }
}
