package dev.cutover.testing;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Keeps every posted message. */
public class RecordingNotifier implements Notifier {
    public record Post(String channel, Message message) {}

    public final List<Post> posts = new CopyOnWriteArrayList<>();

    @Override
    public MessageRef post(String channel, Message message) {
        posts.add(new Post(channel, message));
        return new MessageRef(channel, Integer.toString(posts.size()));
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
        return post(parent.channel(), message);
    }

    /** Reads {@code current} once, now. */
    @Override
    public void update(MessageRef ref, Supplier<Message> current) {
        update(ref, current.get());
    }

    @Override
    public void update(MessageRef ref, Message message) {
        posts.add(new Post(ref.channel(), message));
    }

    public List<String> texts() {
        return posts.stream().map(p -> p.message().text()).toList();
    }
}
