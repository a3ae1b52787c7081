package dev.cutover.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code alarms:} section: CloudWatch alarm state changes read from an SQS queue (fed by an
 * EventBridge rule or an SNS topic) and posted where {@code routes:} say.
 *
 * @param queue the SQS queue URL ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}), or
 *     null: nothing is read (the sandbox raises alarms from its console)
 * @param routes which alarms go to which channel and pair; the first entry that matches an alarm's
 *     name wins, and an alarm no entry matches is deleted from the queue unposted
 */
public record AlarmSettings(String queue, List<AlarmRoute> routes) {
    private static final Pattern URL = Pattern.compile("https?://[^/\\s]+/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?/?");

    public AlarmSettings {
        queue = queue == null || queue.isBlank() ? null : queue.strip();
        if (queue != null && !URL.matcher(queue).matches()) {
            throw ConfigException.invalid(
                    "queue",
                    "expected an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/alarms");
        }
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** No alarms: no queue, no routes. */
    public static AlarmSettings defaults() {
        return new AlarmSettings(null, List.of());
    }

    /** The queue's URL, when one is configured. */
    public Optional<URI> queueUrl() {
        return Optional.ofNullable(queue).map(URI::create);
    }

    /** The region of an AWS queue URL ({@code https://sqs.<region>.amazonaws.com/...}); empty for another host. */
    Optional<String> regionOf() {
        Matcher m = Pattern.compile("https://sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/.*")
                .matcher(queue == null ? "" : queue);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first route matching the alarm called {@code name}. */
    public Optional<AlarmRoute> route(String name) {
        return routes.stream().filter(r -> r.matches(name)).findFirst();
    }

    /** These settings with every route's channel filled in and its pair checked. */
    AlarmSettings checked(AlertSettings alerts, Set<String> pairs) {
        for (int i = 0; i < routes.size(); i++) {
            AlarmRoute r = routes.get(i);
            String at = "alarms.routes[" + i + "]";
            if (r.channel() == null && alerts.channel() == null) {
                throw ConfigException.invalid(at + ".channel", "required, or set a default in alerts.channel");
            }
            if (r.pair() != null && !pairs.contains(r.pair())) {
                throw ConfigException.invalid(at + ".pair", "no pair named " + r.pair() + " under pairs:");
            }
            for (int j = 0; j < i; j++) {
                if (routes.get(j).alarm().equals(r.alarm())) {
                    throw ConfigException.invalid(at + ".alarm", "duplicate entry " + r.alarm());
                }
            }
        }
        return new AlarmSettings(
                queue,
                routes.stream().map(r -> r.withDefaultChannel(alerts.channel())).toList());
    }
}
