package dev.cutover.chat.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import dev.cutover.commands.Responder;
import dev.cutover.core.chat.Message;

/**
 * Answers one user through a request's {@code response_url} (usable 5 times within 30 minutes).
 * Returns at once: the {@link ResponsePoster} sends the answers in order on its own threads, and a
 * failure is logged there, never thrown at the work that answered.
 *
 * @see <a href="https://api.slack.com/interactivity/handling#message_responses">Handling responses</a>
 */
final class SlackResponder implements Responder {
    private final ResponsePoster.Channel channel;

    SlackResponder(ResponsePoster poster, String responseUrl) {
        this.channel = poster.channel(responseUrl);
    }

    @Override
    public void ephemeral(Message message) {
        channel.post(ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(false)
                .text(BlockKitRenderer.text(message))
                .blocks(BlockKitRenderer.render(message))
                .build());
    }

    @Override
    public void replaceOriginal(Message message) {
        channel.post(ActionResponse.builder()
                .replaceOriginal(true)
                .text(BlockKitRenderer.text(message))
                .blocks(BlockKitRenderer.render(message))
                .build());
    }
}
