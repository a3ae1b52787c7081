package dev.cutover.core.alert;

import java.util.List;

/**
 * The queue alarm state changes arrive on (SQS in production): read with long polling, and deleted
 * one by one once handled. What is not deleted comes back after its visibility timeout, and after
 * the queue's {@code maxReceiveCount} goes to its dead-letter queue (SQS's redrive policy).
 */
public interface AlarmInbox {
    /** No queue: nothing ever arrives. */
    AlarmInbox NONE = new AlarmInbox() {
        @Override
        public List<Received> receive(String queueUrl) {
            return List.of();
        }

        @Override
        public void delete(String queueUrl, String receipt) {}

        @Override
        public boolean hasDeadLetterQueue(String queueUrl) {
            return true;
        }
    };

    /**
     * One message as received.
     *
     * @param id the message id (for logs)
     * @param receipt the receipt handle that deletes it
     * @param body the body, unparsed
     */
    record Received(String id, String receipt, String body) {}

    /**
     * Waits up to 20 s for up to 10 messages.
     *
     * @return the messages; empty when none came
     * @throws RuntimeException when the queue cannot be read
     */
    List<Received> receive(String queueUrl);

    /**
     * Deletes a handled message.
     *
     * @throws RuntimeException when it cannot be deleted (it comes back, and is recognised as a duplicate)
     */
    void delete(String queueUrl, String receipt);

    /**
     * Whether the queue has a redrive policy (a dead-letter queue for messages received too often).
     *
     * @throws RuntimeException when the queue's attributes cannot be read
     */
    boolean hasDeadLetterQueue(String queueUrl);
}
