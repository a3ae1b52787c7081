package dev.cutover.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.chat.slack.CoalescingMessageUpdater;
import dev.cutover.chat.slack.SlackNotifier;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.chat.slack.SlackWebApi;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueMetrics;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.redis.RedisConnections;
import dev.cutover.redis.RedisStateStore;
import dev.cutover.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * Two replicas' queue monitors sharing the real Redis, each posting through the real SlackNotifier to
 * a WireMock "Slack": every change is posted exactly once.
 */
class QueueMonitorReplicasIT {
    static final URI REDIS = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));

    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    final String prefix = "cutover-test:" + UUID.randomUUID() + ":";
    final RedisClient redis = RedisConnections.open(REDIS, Duration.ofSeconds(2), Duration.ofSeconds(2), 8);
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final AtomicReference<QueueSample> cloudWatch = new AtomicReference<>();

    @AfterEach
    void cleanUp() {
        var keys = redis.keys(prefix + "*");
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
        redis.close();
        timer.shutdownNow();
    }

    QueueMonitor replica() {
        SlackWebApi api = new SlackWebApi(SlackTestApps.slack(slack.baseUrl()), SlackTestApps.BOT_TOKEN);
        SlackNotifier notifier = new SlackNotifier(api, new CoalescingMessageUpdater(api, timer, Duration.ZERO), timer);
        QueueMetrics metrics =
                (names, now) -> Map.of(QueueMonitorTest.ordersWorker(null).name(), cloudWatch.get());
        return new QueueMonitor(
                List.of(QueueMonitorTest.ordersWorker(null)),
                metrics,
                new RedisStateStore<>(redis, prefix, AlertState.class, Duration.ofMinutes(5)),
                new QueueAlertPoster(notifier, CutoverThreads.NONE),
                clock);
    }

    /** Both replicas poll the same CloudWatch datapoint at the same moment. */
    static void pollTogether(QueueMonitor a, QueueMonitor b) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> polls = List.of(a, b).stream()
                .map(m -> CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    m.pollAll();
                }))
                .toList();
        go.countDown();
        polls.forEach(CompletableFuture::join);
    }

    @Test
    void twoReplicasPostEachChangeOnce() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS01\",\"ts\":\"1700000100.000200\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS01\",\"ts\":\"1700000100.000200\"}")));
        QueueMonitor a = replica();
        QueueMonitor b = replica();
        for (double visible : new double[] {150, 150, 350, 350, 10, 10}) {
            clock.advance(Duration.ofMinutes(1));
            cloudWatch.set(new QueueSample(clock.instant(), visible, 12.0));
            pollTogether(a, b);
        }

        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
        assertThat(posts.stream().filter(r -> !r.formParameters().containsKey("thread_ts")))
                .singleElement()
                .satisfies(r -> assertThat(r.formParameters().get("text").firstValue())
                        .isEqualTo(":warning: orders-worker is warning"));
        assertThat(posts.stream()
                        .filter(r -> r.formParameters().containsKey("thread_ts"))
                        .map(r -> r.formParameters().get("text").firstValue()))
                .containsExactly(
                        ":rotating_light: *orders-worker* warning → critical: 350 visible, oldest 12 s.",
                        ":white_check_mark: *orders-worker* recovered after 5 min (10 visible).");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastUpdateText())
                .isEqualTo(":white_check_mark: orders-worker recovered after 5 min"));
    }

    private static String lastUpdateText() {
        List<LoggedRequest> updates = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")));
        return updates.isEmpty()
                ? null
                : updates.get(updates.size() - 1).formParameters().get("text").firstValue();
    }
}
