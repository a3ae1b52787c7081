package dev.cutover.alert;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A {@link Notifier} that records every call, for unit tests. Thread-safe. */
final class RecordingNotifier implements Notifier {
    /**
     * One call.
     *
     * @param kind post, reply or update
     * @param target the channel (post), the parent (reply) or the message (update)
     * @param message what was sent
     * @param ref the ref the call returned (post, reply) or updated
     */
    record Call(String kind, String target, Message message, MessageRef ref) {}

    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger ts = new AtomicInteger();
    private int failingPosts;

    /** The next {@code n} posts and replies fail as a Slack outage would (nothing is recorded). */
    synchronized void failNextPosts(int n) {
        failingPosts = n;
    }

    private void failIfAsked() {
        if (failingPosts > 0) {
            failingPosts--;
            throw new IllegalStateException("chat.postMessage failed: service_unavailable");
        }
    }

    @Override
    public synchronized MessageRef post(String channel, Message message) {
        failIfAsked();
        MessageRef ref = new MessageRef(channel, "1700000000." + ts.incrementAndGet());
        calls.add(new Call("post", channel, message, ref));
        return ref;
    }

    @Override
    public synchronized MessageRef reply(MessageRef parent, Message message) {
        failIfAsked();
        MessageRef ref = new MessageRef(parent.channel(), "1700000000." + ts.incrementAndGet());
        calls.add(new Call("reply", parent.ts(), message, ref));
        return ref;
    }

    /** Reads {@code current} once, now. */
    @Override
    public void update(MessageRef ref, Supplier<Message> current) {
        update(ref, current.get());
    }

    @Override
    public synchronized void update(MessageRef ref, Message message) {
        calls.add(new Call("update", ref.ts(), message, ref));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> of(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    synchronized Call last(String kind) {
        List<Call> c = of(kind);
        return c.isEmpty() ? null : c.get(c.size() - 1);
    }
}
