package dev.cutover.chat.slack;

import com.slack.api.model.view.View;
import dev.cutover.core.chat.Message;
import dev.cutover.core.home.HomeSurface;

/**
 * Publishes a user's App Home with {@code views.publish} (Tier 4, about 100 calls a minute per
 * workspace), under {@link SlackWebApi}'s policy: a 429 is waited out as Slack's Retry-After asks,
 * {@code ok:false} becomes a {@link SlackApiCallException}.
 *
 * @see <a href="https://api.slack.com/methods/views.publish">views.publish</a>
 */
public final class SlackHomeSurface implements HomeSurface {
    private final SlackWebApi api;

    public SlackHomeSurface(SlackWebApi api) {
        this.api = api;
    }

    @Override
    public void publish(String userId, Message view) {
        View home = View.builder()
                .type("home")
                .blocks(BlockKitRenderer.renderView(view))
                .build();
        api.call("views.publish", () -> api.methods()
                .viewsPublish(r -> r.userId(userId).view(home)));
    }
}
