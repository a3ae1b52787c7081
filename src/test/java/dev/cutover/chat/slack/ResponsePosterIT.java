package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.cutover.core.chat.Message;
import java.time.Duration;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers to a slow response_url: the caller never waits, the post is bounded by the client's
 * timeout, is not retried, and the same URL is not tried again; other URLs are still answered.
 */
class ResponsePosterIT {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    final ResponsePoster poster = new ResponsePoster(
            new SlackWebApi(sdkTimingOutAfter(Duration.ofMillis(300)), "xoxb-test"),
            1,
            10,
            Executors.defaultThreadFactory());

    static Slack sdkTimingOutAfter(Duration timeout) {
        SlackConfig c = new SlackConfig();
        c.setStatsEnabled(false);
        return Slack.getInstance(
                c,
                new SlackHttpClient(
                        new OkHttpClient.Builder().callTimeout(timeout).build()));
    }

    @AfterEach
    void close() {
        poster.close();
    }

    @Test
    void aSlowResponseUrlCostsOneTimeoutAndIsNotTriedAgain() {
        wm.stubFor(post(urlPathEqualTo("/response/slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        wm.stubFor(post(urlPathEqualTo("/response/fast"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        SlackResponder slow = new SlackResponder(poster, wm.baseUrl() + "/response/slow");
        SlackResponder fast = new SlackResponder(poster, wm.baseUrl() + "/response/fast");

        long started = System.nanoTime();
        slow.ephemeral(Message.text("first"));
        slow.ephemeral(Message.text("second"));
        fast.ephemeral(Message.text("still answered"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));

        // One thread: the slow post gives up after 300 ms, the second is dropped, the fast one goes.
        await().atMost(Duration.ofSeconds(2)).until(poster::idle);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/response/fast")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/response/slow")));
    }

    @Test
    void answersToOneUrlKeepTheirOrder() {
        wm.stubFor(post(urlPathEqualTo("/response/cmd"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        ResponsePoster wide = new ResponsePoster(
                new SlackWebApi(sdkTimingOutAfter(Duration.ofSeconds(2)), "xoxb-test"),
                4,
                100,
                Executors.defaultThreadFactory());
        SlackResponder r = new SlackResponder(wide, wm.baseUrl() + "/response/cmd");
        for (int i = 0; i < 20; i++) {
            r.ephemeral(Message.text("answer " + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(wide::idle);
        wide.close();

        var bodies = wm.findAll(postRequestedFor(urlPathEqualTo("/response/cmd"))).stream()
                .map(q -> q.getBodyAsString())
                .toList();
        assertThat(bodies).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(bodies.get(i)).contains("answer " + i + "\"");
        }
    }
}
