package dev.cutover.sandbox.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.alert.AlarmEvents;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The console's {@code alarm <name> ALARM|OK|INSUFFICIENT_DATA}: a CloudWatch alarm of the simulated account changes
 * state. The change is written as the EventBridge event the alarm queue would hold and handed to the
 * same parsing and handling as a message read from SQS.
 */
final class SimulatedAlarms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOUDWATCH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String ACCOUNT = "000000000000";

    private final ConsoleTarget sandbox;
    private static Instant lastChange = Instant.EPOCH;

    /** The states a CloudWatch alarm can be in. */
    private static final java.util.List<String> STATES = java.util.List.of("ALARM", "OK", "INSUFFICIENT_DATA");

    SimulatedAlarms(ConsoleTarget sandbox) {
        this.sandbox = sandbox;
    }

    /** Raises the change in {@code args}; returns false with an error printed on bad input. */
    boolean raise(String args, Consumer<String> print) {
        String[] w = args.isBlank() ? new String[0] : args.split("\\s+");
        if (w.length != 2 || !STATES.contains(w[1].toUpperCase(Locale.ROOT))) {
            print.accept("usage: alarm <name> ALARM|OK|INSUFFICIENT_DATA, e.g. alarm blue-green-5xx ALARM");
            return false;
        }
        String name = w[0];
        if (sandbox.config().alarms().route(name).isEmpty()) {
            print.accept("error: no alarms.routes entry matches `" + name + "`; entries: "
                    + String.join(
                            ", ",
                            sandbox.config().alarms().routes().stream()
                                    .map(r -> r.alarm())
                                    .toList()));
            return false;
        }
        String state = w[1].toUpperCase(Locale.ROOT);
        sandbox.bot().alarmMessage(event(name, state, nextChangeTime()));
        print.accept("(the simulated alarm " + name + " is now " + state + ")");
        return true;
    }

    /** Now, but always after the previous change: CloudWatch's change times only grow. */
    private static synchronized Instant nextChangeTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    static String event(String name, String state, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", AlarmEvents.DETAIL_TYPE);
        e.put("source", "aws.cloudwatch");
        e.put("account", ACCOUNT);
        e.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", "us-east-1");
        e.putArray("resources").add("arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + name);
        ObjectNode d = e.putObject("detail");
        d.put("alarmName", name);
        ObjectNode s = d.putObject("state");
        s.put("value", state);
        s.put(
                "reason",
                switch (state) {
                    case "ALARM" -> "Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (5.0).";
                    case "OK" -> "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (5.0).";
                    default -> "Insufficient Data: 1 datapoint was unknown.";
                });
        s.put("reasonData", "{\"version\":\"1.0\",\"threshold\":5.0}");
        s.put("timestamp", CLOUDWATCH_TIME.format(at));
        ObjectNode metric = d.putObject("configuration")
                .putArray("metrics")
                .addObject()
                .put("id", "m1")
                .put("returnData", true)
                .putObject("metricStat")
                .putObject("metric");
        metric.put("namespace", "AWS/ApplicationELB");
        metric.put("name", "HTTPCode_Target_5XX_Count");
        return e.toString();
    }
}
