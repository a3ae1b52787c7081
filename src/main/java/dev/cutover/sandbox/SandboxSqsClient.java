package dev.cutover.sandbox;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * GetQueueUrl and GetQueueAttributes (ApproximateNumberOfMessages, as a string like SQS) over
 * {@link SandboxMetrics}; an unknown queue throws {@link QueueDoesNotExistException}.
 */
public final class SandboxSqsClient implements SqsClient {
    /** The sandbox's queue URL prefix; the name follows. */
    public static final String URL_PREFIX = "https://sqs.us-east-1.amazonaws.com/000000000000/";

    private final SandboxMetrics metrics;

    public SandboxSqsClient(SandboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        metrics.queue(request.queueName()).orElseThrow(() -> missing(request.queueName()));
        return GetQueueUrlResponse.builder()
                .queueUrl(URL_PREFIX + request.queueName())
                .build();
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        String name = request.queueUrl().substring(request.queueUrl().lastIndexOf('/') + 1);
        SandboxMetrics.Queue q = metrics.queue(name).orElseThrow(() -> missing(name));
        return GetQueueAttributesResponse.builder()
                .attributes(Map.of(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, Long.toString(Math.round(q.visible()))))
                .build();
    }

    private static QueueDoesNotExistException missing(String name) {
        return (QueueDoesNotExistException) QueueDoesNotExistException.builder()
                .message("The specified queue does not exist: " + name)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
