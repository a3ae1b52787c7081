package dev.cutover.chat.slack;

import com.google.gson.Gson;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.util.json.GsonFactory;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Posts through the Web API: chat.postMessage for new messages and thread replies, and
 * chat.update through a {@link CoalescingMessageUpdater}, so that a burst of progress edits to one
 * message never runs into chat.update's rate limit (about 50 per minute per workspace).
 *
 * @see <a href="https://api.slack.com/methods/chat.update">chat.update</a>
 */
public final class SlackNotifier implements Notifier {
    private static final Gson BLOCKS = GsonFactory.createSnakeCase();

    private final SlackWebApi api;
    private final CoalescingMessageUpdater updater;
    private final ThreadReplies later;

    /**
     * @param updater sends the edits of messages
     * @param pool posts the replies of {@link #replyLater}, in order per thread; owned by the caller
     */
    public SlackNotifier(SlackWebApi api, CoalescingMessageUpdater updater, Executor pool) {
        this.api = api;
        this.updater = updater;
        this.later = new ThreadReplies(pool);
    }

    @Override
    public MessageRef post(String channel, Message message) {
        ChatPostMessageResponse r =
                api.postMessage(channel, BlockKitRenderer.text(message), BlockKitRenderer.render(message));
        return new MessageRef(r.getChannel(), r.getTs());
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
        ChatPostMessageResponse r =
                api.call("chat.postMessage", () -> api.methods().chatPostMessage(x -> x.channel(parent.channel())
                        .threadTs(parent.ts())
                        .text(BlockKitRenderer.text(message))
                        .blocks(BlockKitRenderer.render(message))));
        return new MessageRef(r.getChannel(), r.getTs());
    }

    /** {@inheritDoc} On the Slack pool, one {@code chat.postMessage} at a time per thread. */
    @Override
    public void replyLater(MessageRef parent, Message message) {
        later.submit(parent, () -> reply(parent, message));
    }

    /** True when no {@link #replyLater} reply is waiting or being posted. */
    public boolean idle() {
        return later.idle();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code conversations.history} call (newest 100 messages since {@code since}); the
     * marker is searched in each message's text and blocks.
     *
     * @see <a href="https://api.slack.com/methods/conversations.history">conversations.history</a>
     */
    @Override
    public Optional<MessageRef> find(String channel, Instant since, String marker) {
        String oldest = since.getEpochSecond() + ".000000";
        ConversationsHistoryResponse r = api.call("conversations.history", () -> api.methods()
                .conversationsHistory(x -> x.channel(channel).oldest(oldest).limit(100)));
        return r.getMessages().stream()
                .filter(m -> String.valueOf(m.getText()).contains(marker)
                        || (m.getBlocks() != null
                                && BLOCKS.toJson(m.getBlocks()).contains(marker)))
                .findFirst()
                .map(m -> new MessageRef(channel, m.getTs()));
    }

    @Override
    public void update(MessageRef ref, Message message) {
        updater.submit(key(ref), content(message));
    }

    /** {@inheritDoc} Rendered on the coalescer's thread when the update is sent. */
    @Override
    public void update(MessageRef ref, Supplier<Message> current) {
        updater.submit(key(ref), new Current(current));
    }

    private static CoalescingMessageUpdater.MessageKey key(MessageRef ref) {
        return new CoalescingMessageUpdater.MessageKey(ref.channel(), ref.ts());
    }

    private static CoalescingMessageUpdater.MessageContent content(Message message) {
        return new CoalescingMessageUpdater.MessageContent(
                BlockKitRenderer.text(message), BlockKitRenderer.render(message));
    }

    /** Compares messages as data (records), not their Block Kit rendering. */
    private static final class Current implements CoalescingMessageUpdater.Rendering {
        private final Supplier<Message> source;
        private volatile Message last;

        Current(Supplier<Message> source) {
            this.source = source;
        }

        @Override
        public CoalescingMessageUpdater.MessageContent render() {
            Message message = source.get();
            last = message;
            return content(message);
        }

        @Override
        public boolean outdated() {
            Message rendered = last;
            return rendered != null && !rendered.equals(source.get());
        }
    }
}
