package dev.cutover.chat.slack;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;

/**
 * Posts through the Web API: chat.postMessage for new messages and thread replies, and
 * chat.update through a {@link CoalescingMessageUpdater}, so that a burst of progress edits to one
 * message never runs into chat.update's rate limit (about 50 per minute per workspace).
 *
 * @see <a href="https://api.slack.com/methods/chat.update">chat.update</a>
 */
public final class SlackNotifier implements Notifier {
    private final SlackWebApi api;
    private final CoalescingMessageUpdater updater;

    public SlackNotifier(SlackWebApi api, CoalescingMessageUpdater updater) {
        this.api = api;
        this.updater = updater;
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

    @Override
    public void update(MessageRef ref, Message message) {
        updater.submit(
                new CoalescingMessageUpdater.MessageKey(ref.channel(), ref.ts()),
                new CoalescingMessageUpdater.MessageContent(
                        BlockKitRenderer.text(message), BlockKitRenderer.render(message)));
    }
}
