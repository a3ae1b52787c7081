package dev.cutover.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code queues:}: an SQS queue whose backlog is watched.
 *
 * @param queue the queue name ({@code orders-worker}) or URL ({@code https://sqs.<region>.amazonaws.com/<account>/<name>})
 * @param steps the alert steps, at least one
 * @param consecutivePolls how many polls in a row must agree before the state changes (default 2)
 * @param pollInterval how often to poll (default 60s; CloudWatch SQS metrics arrive once a minute)
 * @param hysteresis how far below a bound, as a fraction of it, a value must fall to leave its
 *     severity (default 0.1: a 100-message bound clears below 90)
 * @param channel the Slack channel ID for its alerts; default {@code alerts.channel}
 * @param pair the swap pair it belongs to, whose cutover thread gets its alerts, or null
 */
public record QueueConfig(
        String queue,
        List<AlertStepConfig> steps,
        Integer consecutivePolls,
        Duration pollInterval,
        Double hysteresis,
        String channel,
        String pair) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,}");

    public QueueConfig {
        if (queue == null || !NAME.matcher(nameOf(queue.strip())).matches()) {
            throw ConfigException.invalid("queue", "required; an SQS queue name (letters, digits, - and _) or URL");
        }
        queue = queue.strip();
        if (steps == null || steps.isEmpty()) {
            throw ConfigException.invalid("steps", "required; at least one step with a threshold and a severity");
        }
        steps = List.copyOf(steps);
        consecutivePolls = consecutivePolls == null ? 2 : consecutivePolls;
        if (consecutivePolls < 1 || consecutivePolls > 60) {
            throw ConfigException.invalid("consecutivePolls", "must be 1 to 60");
        }
        pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw ConfigException.invalid("pollInterval", "must be between 1s and 1h");
        }
        hysteresis = hysteresis == null ? 0.1 : hysteresis;
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw ConfigException.invalid("hysteresis", "must be a fraction from 0 to below 1, e.g. 0.1");
        }
        if (channel != null && !CHANNEL.matcher(channel.strip()).matches()) {
            throw ConfigException.invalid("channel", "expected a channel ID such as C0123ABCD");
        }
    }

    /** The queue's name: the last path segment of a URL, or the value itself. */
    public String name() {
        return nameOf(queue);
    }

    /** The URL when one was configured, else null (look it up with GetQueueUrl). */
    public URI url() {
        return queue.contains("://") ? URI.create(queue) : null;
    }

    /** This queue with {@code defaultChannel} when it has none. */
    QueueConfig withDefaultChannel(String defaultChannel) {
        return channel != null
                ? this
                : new QueueConfig(queue, steps, consecutivePolls, pollInterval, hysteresis, defaultChannel, pair);
    }

    private static String nameOf(String queue) {
        String q = queue.endsWith("/") ? queue.substring(0, queue.length() - 1) : queue;
        return q.contains("://") ? q.substring(q.lastIndexOf('/') + 1) : q;
    }
}
