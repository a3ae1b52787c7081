package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.cutover.chat.slack.CoalescingMessageUpdater.MessageContent;
import dev.cutover.chat.slack.CoalescingMessageUpdater.MessageKey;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoalescingMessageUpdaterTest {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final MessageKey KEY = new MessageKey("C0000000001", "1700000000.000100");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private SlackWebApi api;

    @BeforeEach
    void stubChatUpdate() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0000000001\",\"ts\":\"1700000000.000100\"}")));
        api = new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), SlackTestApps.BOT_TOKEN);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static MessageContent step(int n) {
        return new MessageContent(
                "step " + n, List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*step " + n + "*")))));
    }

    private static List<LoggedRequest> updates() {
        List<LoggedRequest> requests = slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    private static String text(LoggedRequest request) {
        return request.formParameters().get("text").firstValue();
    }

    @Test
    void fiftyRapidSubmissionsBecomeFewUpdatesEndingWithTheLastContent() {
        CoalescingMessageUpdater updater = new CoalescingMessageUpdater(api, scheduler);

        for (int i = 1; i <= 50; i++) {
            updater.submit(KEY, step(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> updates().stream().anyMatch(r -> text(r).equals("step 50")));
        await().during(Duration.ofMillis(2000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> updates().size() <= 3);
        List<LoggedRequest> updates = updates();
        LoggedRequest last = updates.get(updates.size() - 1);
        assertThat(text(last)).isEqualTo("step 50");
        assertThat(last.formParameters().get("blocks").firstValue()).contains("*step 50*");
        assertThat(last.formParameters().get("channel").firstValue()).isEqualTo("C0000000001");
        assertThat(last.formParameters().get("ts").firstValue()).isEqualTo("1700000000.000100");
    }

    @Test
    void updatesOfOneMessageAreAtLeastOneIntervalApart() {
        Duration interval = Duration.ofMillis(400);
        CoalescingMessageUpdater updater = new CoalescingMessageUpdater(api, scheduler, interval);
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger n = new AtomicInteger();
        try {
            producer.scheduleAtFixedRate(
                    () -> {
                        if (n.get() < 30) {
                            updater.submit(KEY, step(n.incrementAndGet()));
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> updates().stream().anyMatch(r -> text(r).equals("step 30")));
        } finally {
            producer.shutdownNow();
        }

        List<LoggedRequest> updates = updates();
        assertThat(updates.size()).isBetween(3, 8); // 30 x 50 ms = 1.5 s of submissions
        for (int i = 1; i < updates.size(); i++) {
            long gap = updates.get(i).getLoggedDate().getTime()
                    - updates.get(i - 1).getLoggedDate().getTime();
            assertThat(gap).as("gap before update %d", i).isGreaterThanOrEqualTo(interval.toMillis() - 50);
        }
    }

    @Test
    void flushSendsThePendingContentImmediately() {
        CoalescingMessageUpdater updater = new CoalescingMessageUpdater(api, scheduler, Duration.ofSeconds(30));
        updater.submit(KEY, step(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> updates().size() == 1);
        updater.submit(KEY, step(2));
        updater.submit(KEY, step(3));

        updater.flush(KEY);

        List<LoggedRequest> updates = updates();
        assertThat(updates).extracting(CoalescingMessageUpdaterTest::text).containsExactly("step 1", "step 3");
    }

    @Test
    void flushWithNothingPendingSendsNothing() {
        CoalescingMessageUpdater updater = new CoalescingMessageUpdater(api, scheduler, Duration.ofSeconds(30));
        updater.submit(KEY, step(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> updates().size() == 1);

        updater.flush(KEY);
        updater.flush(new MessageKey("C0000000001", "1.0"));

        assertThat(updates()).hasSize(1);
    }

    @Test
    void differentMessagesDoNotWaitForEachOther() {
        CoalescingMessageUpdater updater = new CoalescingMessageUpdater(api, scheduler, Duration.ofSeconds(30));

        updater.submit(KEY, step(1));
        updater.submit(new MessageKey("C0000000002", "1700000000.000200"), step(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> updates().size() == 2);
        assertThat(updates())
                .extracting(r -> r.formParameters().get("channel").firstValue())
                .containsExactlyInAnyOrder("C0000000001", "C0000000002");
    }
}
