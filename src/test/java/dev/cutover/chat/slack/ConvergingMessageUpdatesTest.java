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
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas edit one message through their own notifiers (and coalescers). Regression: a
 * replica's update rendered from an older state reached Slack after the other replica's newer one,
 * and the message kept showing "applying" although the store held "applied".
 */
class ConvergingMessageUpdatesTest {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final MessageRef REF = new MessageRef("C0000000001", "1700000000.000100");

    private final ScheduledExecutorService schedulerA = Executors.newScheduledThreadPool(1);
    private final ScheduledExecutorService schedulerB = Executors.newScheduledThreadPool(1);
    /** The store both replicas read. */
    private final AtomicReference<String> stored = new AtomicReference<>("applying");

    private SlackNotifier replicaA;
    private SlackNotifier replicaB;

    @BeforeEach
    void start() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0000000001\",\"ts\":\"1700000000.000100\"}")));
        SlackWebApi api = new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), SlackTestApps.BOT_TOKEN);
        replicaA = new SlackNotifier(
                api, new CoalescingMessageUpdater(api, schedulerA, Duration.ofMillis(100)), schedulerA);
        replicaB = new SlackNotifier(
                api, new CoalescingMessageUpdater(api, schedulerB, Duration.ofMillis(100)), schedulerB);
    }

    @AfterEach
    void stop() {
        schedulerA.shutdownNow();
        schedulerB.shutdownNow();
    }

    private Supplier<Message> fromStore() {
        return () -> Message.text("Swap blue-green: " + stored.get());
    }

    private static List<String> updateTexts() {
        List<LoggedRequest> requests = slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests.stream()
                .map(r -> r.formParameters().get("text").firstValue())
                .toList();
    }

    @Test
    void anOlderStateThatLandsAfterANewerOneIsCorrectedByItsSender() throws Exception {
        CountDownLatch rendered = new CountDownLatch(1);
        CountDownLatch newerSent = new CountDownLatch(1);
        // Replica a renders "applying", then stalls (a GC pause, a slow network) before its call.
        Supplier<Message> slowOnA = () -> {
            Message m = fromStore().get();
            if (rendered.getCount() > 0) {
                rendered.countDown();
                try {
                    newerSent.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return m;
        };
        replicaA.update(REF, slowOnA);
        assertThat(rendered.await(10, TimeUnit.SECONDS)).isTrue();

        // Meanwhile replica b finishes the apply and shows it.
        stored.set("applied");
        replicaB.update(REF, fromStore());
        await().atMost(Duration.ofSeconds(10)).until(() -> updateTexts().contains("Swap blue-green: applied"));
        newerSent.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> updateTexts().contains("Swap blue-green: applying"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(updateTexts()).last().isEqualTo("Swap blue-green: applied"));
        assertThat(updateTexts()).hasSize(3);
    }

    @Test
    void anUnchangedStateIsSentOnce() {
        replicaA.update(REF, fromStore());

        await().atMost(Duration.ofSeconds(10)).until(() -> updateTexts().size() == 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> updateTexts().size() == 1);
    }
}
