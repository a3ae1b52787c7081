package dev.cutover.ops;

import dev.cutover.core.alert.AlarmInbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The alarm queue, measured: {@code cutover_alarm_messages_total{result}} counts messages received
 * and deleted (handled), so received minus deleted is what was left for redelivery or the
 * dead-letter queue; {@code cutover_alarm_receive_failures_total} counts receives that failed after
 * the client's retries.
 */
public final class MeteredAlarmInbox implements AlarmInbox {
    private final AlarmInbox inbox;
    private final Counter received;
    private final Counter deleted;
    private final Counter failures;

    public MeteredAlarmInbox(AlarmInbox inbox, MeterRegistry registry) {
        this.inbox = inbox;
        this.received = messages(registry, "received");
        this.deleted = messages(registry, "deleted");
        this.failures = Counter.builder("cutover.alarm.receive.failures")
                .description("Alarm queue receives that failed after the client's retries")
                .register(registry);
    }

    private static Counter messages(MeterRegistry registry, String result) {
        return Counter.builder("cutover.alarm.messages")
                .description("Alarm queue messages received, and deleted once handled")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public List<Received> receive(String queueUrl) {
        try {
            List<Received> batch = inbox.receive(queueUrl);
            received.increment(batch.size());
            return batch;
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
    }

    @Override
    public void delete(String queueUrl, String receipt) {
        inbox.delete(queueUrl, receipt);
        deleted.increment();
    }

    @Override
    public boolean hasDeadLetterQueue(String queueUrl) {
        return inbox.hasDeadLetterQueue(queueUrl);
    }
}
