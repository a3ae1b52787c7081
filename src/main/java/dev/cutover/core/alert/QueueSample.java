package dev.cutover.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reading of a queue.
 *
 * @param at the datapoint's timestamp (CloudWatch's, or the read time for SQS attributes); a
 *     reading not newer than the last one counted is ignored, so replicas never count it twice
 * @param visible ApproximateNumberOfMessagesVisible
 * @param oldestAgeSeconds ApproximateAgeOfOldestMessage in seconds, or null when unknown
 */
public record QueueSample(Instant at, double visible, @Nullable Double oldestAgeSeconds) {
    public QueueSample {
        Objects.requireNonNull(at, "at");
    }
}
