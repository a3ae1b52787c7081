package dev.cutover.aws;

import dev.cutover.core.alert.AlarmInbox;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * {@link AlarmInbox} over SQS: ReceiveMessage with long polling ({@value #WAIT_SECONDS} s, up to
 * {@value #MAX_MESSAGES} messages), DeleteMessage by receipt handle, and GetQueueAttributes for the
 * queue's {@code RedrivePolicy}. Retries are the client's
 * (its retry strategy); the consumer pauses after a call that still failed.
 */
public final class SqsAlarmInbox implements AlarmInbox {
    /** ReceiveMessage's WaitTimeSeconds: the longest long poll SQS allows. */
    public static final int WAIT_SECONDS = 20;
    /** ReceiveMessage's MaxNumberOfMessages: the most SQS returns at once. */
    public static final int MAX_MESSAGES = 10;

    private final Supplier<SqsClient> sqs;

    /** @param sqs the client, asked for on each call (built on first use) */
    public SqsAlarmInbox(Supplier<SqsClient> sqs) {
        this.sqs = sqs;
    }

    @Override
    public List<Received> receive(String queueUrl) {
        return sqs
                .get()
                .receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .waitTimeSeconds(WAIT_SECONDS)
                        .maxNumberOfMessages(MAX_MESSAGES)
                        .build())
                .messages()
                .stream()
                .map(m -> new Received(m.messageId(), m.receiptHandle(), m.body() == null ? "" : m.body()))
                .toList();
    }

    @Override
    public void delete(String queueUrl, String receipt) {
        sqs.get()
                .deleteMessage(DeleteMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .receiptHandle(receipt)
                        .build());
    }

    @Override
    public boolean hasDeadLetterQueue(String queueUrl) {
        return sqs.get()
                .getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.REDRIVE_POLICY)
                        .build())
                .attributes()
                .containsKey(QueueAttributeName.REDRIVE_POLICY);
    }
}
