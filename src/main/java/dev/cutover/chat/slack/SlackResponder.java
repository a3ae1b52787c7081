package dev.cutover.chat.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.cutover.commands.Responder;
import dev.cutover.core.chat.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one user through a request's {@code response_url} (usable 5 times within 30 minutes).
 *
 * @see <a href="https://api.slack.com/interactivity/handling#message_responses">Handling responses</a>
 */
final class SlackResponder implements Responder {
    private static final Logger log = LoggerFactory.getLogger(SlackResponder.class);

    private final com.slack.api.bolt.util.Responder responder;

    SlackResponder(Slack slack, String responseUrl) {
        this.responder = new com.slack.api.bolt.util.Responder(slack, responseUrl);
    }

    @Override
    public void ephemeral(Message message) {
        send(ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(false)
                .text(message.text())
                .blocks(BlockKitRenderer.render(message))
                .build());
    }

    @Override
    public void replaceOriginal(Message message) {
        send(ActionResponse.builder()
                .replaceOriginal(true)
                .text(message.text())
                .blocks(BlockKitRenderer.render(message))
                .build());
    }

    private void send(ActionResponse response) {
        try {
            WebhookResponse r = responder.send(response);
            if (r.getCode() != 200) {
                log.warn("response_url answered HTTP {}: {}", r.getCode(), r.getBody());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer through response_url", e);
        }
    }
}
