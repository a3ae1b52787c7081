package dev.cutover.testing;

import dev.cutover.core.alert.AlarmInbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An alarm queue whose receives answer what a test says (or throw), and which records deletions. */
public final class FakeAlarmInbox implements AlarmInbox {
    /** The receipts deleted so far, oldest first. */
    public final List<String> deleted = new CopyOnWriteArrayList<>();

    private final Supplier<List<Received>> receives;

    /** @param receives each receive's answer; may throw, as a failed receive does */
    public FakeAlarmInbox(Supplier<List<Received>> receives) {
        this.receives = receives;
    }

    @Override
    public List<Received> receive(String queueUrl) {
        return receives.get();
    }

    @Override
    public void delete(String queueUrl, String receipt) {
        deleted.add(receipt);
    }

    @Override
    public boolean hasDeadLetterQueue(String queueUrl) {
        return true;
    }
}
