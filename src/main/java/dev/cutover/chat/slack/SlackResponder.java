package dev.cutover.chat.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import dev.cutover.commands.Responder;
import dev.cutover.core.chat.Message;

/**
 * Answers one user through a request's {@code response_url} (usable 5 times within 30 minutes),
 * with {@link SlackWebApi}'s handling of rate limits and errors.
 *
 * @see <a href="https://api.slack.com/interactivity/handling#message_responses">Handling responses</a>
 */
final class SlackResponder implements Responder {
    private final SlackWebApi api;
    private final String responseUrl;

    SlackResponder(SlackWebApi api, String responseUrl) {
        this.api = api;
        this.responseUrl = responseUrl;
    }

    @Override
    public void ephemeral(Message message) {
        api.respond(
                responseUrl,
                ActionResponse.builder()
                        .responseType("ephemeral")
                        .replaceOriginal(false)
                        .text(message.text())
                        .blocks(BlockKitRenderer.render(message))
                        .build());
    }

    @Override
    public void replaceOriginal(Message message) {
        api.respond(
                responseUrl,
                ActionResponse.builder()
                        .replaceOriginal(true)
                        .text(message.text())
                        .blocks(BlockKitRenderer.render(message))
                        .build());
    }
}
