package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.bolt.App;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The App Home over Socket Mode: an {@code app_home_opened} envelope without a {@code view} (a first
 * visit) reaches the Home's handler and is acked; the Messages tab's opens are acked and ignored.
 */
class HomeSocketModeIT extends SocketModeFixture {
    final List<String> opened = new CopyOnWriteArrayList<>();

    @Override
    App app() {
        App app = super.app();
        ResponsePoster poster = new ResponsePoster(
                new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), "xoxb-test"),
                1,
                10,
                Executors.defaultThreadFactory());
        new SlackBot(app, Runnable::run, poster).registerHome(opened::add, (user, text) -> {});
        return app;
    }

    @Test
    void aFirstVisitsEventIsHandedToTheHomeAndAcked() {
        socketMode.sendToCurrent(
                envelope("env-0002", "events_api", resource("/slack/event-app-home-opened-first-visit.json")));

        awaitAck("env-0002");
        await().atMost(Duration.ofSeconds(10)).until(() -> opened.equals(List.of("U0000000001")));
    }

    @Test
    void anOpenOfTheMessagesTabIsAckedAndPublishesNothing() {
        socketMode.sendToCurrent(envelope(
                "env-0003",
                "events_api",
                resource("/slack/event-app-home-opened-first-visit.json")
                        .replace("\"tab\":\"home\"", "\"tab\":\"messages\"")));
        socketMode.sendToCurrent(
                envelope("env-0004", "events_api", resource("/slack/event-app-home-opened-first-visit.json")));

        awaitAck("env-0003");
        awaitAck("env-0004");
        await().atMost(Duration.ofSeconds(10)).until(() -> opened.size() == 1);
        assertThat(opened).containsExactly("U0000000001");
    }
}
