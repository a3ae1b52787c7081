package dev.cutover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.chat.slack.SlackHttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Slack app manifest asks for what the bot uses and nothing more: the five commands, the Home
 * tab with its one event ({@code app_home_opened}, which needs no scope), interactivity, and the
 * least-privilege bot scopes; the same request URL for everything in HTTP mode.
 */
class SlackManifestTest {
    static final String URL = "https://cutover.example.com/slack/events";

    static JsonNode manifest() throws IOException {
        return DeployExamplesTest.yaml("manifest.yml");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theHomeTabIsOnWithItsOneEventAndTheScopesAreUnchanged() throws IOException {
        JsonNode m = manifest();

        assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
        assertThat(m.at("/settings/event_subscriptions/user_events").isMissingNode())
                .isTrue();
        assertThat(texts(m.at("/oauth_config/scopes/bot")))
                .containsExactly("commands", "chat:write", "usergroups:read", "channels:history", "groups:history");
        assertThat(m.at("/oauth_config/scopes/user").isMissingNode()).isTrue();
    }

    @Test
    void everyRequestGoesToTheOneEndpointOfTheHttpServer() throws IOException {
        JsonNode m = manifest();

        assertThat(m.at("/settings/event_subscriptions/request_url").asText()).isEqualTo(URL);
        assertThat(m.at("/settings/interactivity/request_url").asText()).isEqualTo(URL);
        m.at("/features/slash_commands")
                .forEach(c -> assertThat(c.path("url").asText()).isEqualTo(URL));
        assertThat(m.at("/features/slash_commands").size()).isEqualTo(5);
        assertThat(URL).endsWith(SlackHttpServer.DEFAULT_PATH);
    }
}
