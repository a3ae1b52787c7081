package dev.cutover.aws;

import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueSample;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link QueueDepth} from SQS GetQueueAttributes: near-real-time depth of one queue (CloudWatch
 * lags by a minute or more), for {@code /cutover status}. A queue configured by name is resolved once with GetQueueUrl.
 * The age of the oldest message is not an SQS attribute (CloudWatch only), so it is null here.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html">GetQueueAttributes</a>
 */
public final class SqsQueueDepth implements QueueDepth {
    private final Supplier<SqsClient> sqs;
    private final Clock clock;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsQueueDepth(SqsClient sqs, Clock clock) {
        this(() -> sqs, clock);
    }

    /** Over the client {@code sqs} supplies, asked on each read (e.g. one built on first use). */
    public SqsQueueDepth(Supplier<SqsClient> sqs, Clock clock) {
        this.sqs = sqs;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     *
     * @throws software.amazon.awssdk.services.sqs.model.SqsException when the queue does not exist
     *     or the call fails after retries
     */
    @Override
    public QueueSample read(String queue) {
        String url = queue.contains("://")
                ? queue
                : urls.computeIfAbsent(
                        queue, q -> sqs.get().getQueueUrl(b -> b.queueName(q)).queueUrl());
        Map<QueueAttributeName, String> attrs = sqs.get()
                .getQueueAttributes(
                        b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes();
        // SQS returns counts as strings.
        String visible = attrs.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
        return new QueueSample(clock.instant(), Double.parseDouble(visible), null);
    }
}
