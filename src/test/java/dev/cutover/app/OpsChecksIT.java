package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.alert.CutoverThreads;
import dev.cutover.alert.QueueAlertPoster;
import dev.cutover.alert.QueueMonitor;
import dev.cutover.alert.ScalingMonitor;
import dev.cutover.alert.ScalingPoster;
import dev.cutover.alert.WatchedQueue;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.memory.InMemoryQueueMetrics;
import dev.cutover.memory.InMemoryScalingHistory;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.ops.Liveness;
import dev.cutover.ops.OpsMetrics;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.OpsHttp;
import dev.cutover.testing.RecordingNotifier;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1: the real ops server over the production checks. Readiness fails {@code
 * monitors} when a queue's or a service's last successful poll is older than three of its intervals
 * (real monitors on a controllable clock) and passes again after a good poll; it fails {@code
 * scheduler} while the scheduler is not firing; {@code /healthz} is 503 naming a timer pool that ran
 * no heartbeat for two minutes (a monotonic clock the test moves) and 200 once it runs again.
 */
class OpsChecksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YAML =
            """
            alerts: { channel: C0ALERTS01 }
            queues:
              - queue: orders-worker
                steps: [{ threshold: 100, severity: warning }]
                pollInterval: 60s
            services:
              - cluster: prod
                service: api
                pollInterval: 30s
            jobs:
              - name: nightly
                cron: "0 0 3 * * ?"
                target: { type: http, url: "http://127.0.0.1:1/run" }
            """;

    private final CutoverConfig config =
            new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("ops.yml", YAML);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final AtomicBoolean awsDown = new AtomicBoolean(true);
    private final InMemoryQueueMetrics queueMetrics = new InMemoryQueueMetrics(clock);
    private final InMemoryServiceStatus ecs = new InMemoryServiceStatus();
    private final QueueMonitor queues = new QueueMonitor(
            config.queues().stream().map(WatchedQueue::of).toList(),
            (names, now) -> {
                if (awsDown.get()) {
                    throw new IllegalStateException("CloudWatch unreachable");
                }
                return queueMetrics.read(names, now);
            },
            new InMemoryStateStore<>(),
            new QueueAlertPoster(new RecordingNotifier(), CutoverThreads.NONE),
            clock);
    private final ScalingMonitor services = new ScalingMonitor(
            config.services(),
            (cluster, names) -> {
                if (awsDown.get()) {
                    throw new IllegalStateException("ECS unreachable");
                }
                return ecs.describe(cluster, names);
            },
            new InMemoryScalingHistory(),
            new InMemoryStateStore<>(),
            new ScalingPoster(new RecordingNotifier(), CutoverThreads.NONE, q -> Optional.empty()),
            clock);
    private final AtomicBoolean schedulerStarted = new AtomicBoolean(true);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService pollTimer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nanos = new AtomicLong(0);
    private final OpsWiring ops = new OpsWiring(
            "127.0.0.1",
            0,
            config,
            new OpsWiring.Watched() {
                @Override
                public boolean schedulerStarted() {
                    return schedulerStarted.get();
                }

                @Override
                public List<String> overduePolls() {
                    List<String> out = new ArrayList<>(queues.overdue());
                    out.addAll(services.overdue());
                    return out;
                }

                @Override
                public ScheduledExecutorService timers() {
                    return timers;
                }
            },
            new OpsMetrics(),
            new Liveness(nanos::get));
    private final CountDownLatch unwedge = new CountDownLatch(1);

    @AfterEach
    void stop() {
        unwedge.countDown();
        ops.close();
        queues.close();
        services.close();
        timers.shutdownNow();
        pollTimer.shutdownNow();
    }

    @Test
    void readinessFailsOnOverduePollsAndAStoppedSchedulerAndHealthOnAWedgedPool() throws Exception {
        ecs.set("prod", "api", new ServiceCounts(2, 2, 0));
        queueMetrics.set("orders-worker", 5, 10.0);
        ops.slackLink(() -> null); // not under test here
        ops.start();
        OpsHttp http = new OpsHttp(ops.port());
        // Polls are due every 30 s and 60 s of real time: none runs during the test, so only the
        // calls below read AWS.
        queues.start(pollTimer);
        services.start(pollTimer);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/readyz").statusCode() == 200);

        queues.pollAll(); // fails: AWS is down
        services.pollAll();
        clock.advance(Duration.ofSeconds(91));
        JsonNode serviceOnly = awaitNotReady(http, "monitors");
        assertThat(serviceOnly.path("failing").path("monitors").asText())
                .contains("api (last read 91 s ago, polled every 30 s)")
                .doesNotContain("orders-worker");

        clock.advance(Duration.ofSeconds(90)); // 181 s: the queue's three minutes have passed too
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        body(http).path("failing").path("monitors").asText().contains("orders-worker"));
        assertThat(body(http).path("failing").path("monitors").asText())
                .contains("orders-worker (last read 181 s ago, polled every 60 s)");
        assertThat(http.get("/healthz").statusCode())
                .as("AWS down is not a reason to restart")
                .isEqualTo(200);

        awsDown.set(false);
        queues.pollAll();
        services.pollAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/readyz").statusCode() == 200);

        schedulerStarted.set(false);
        JsonNode stopped = awaitNotReady(http, "scheduler");
        assertThat(stopped.path("failing").path("scheduler").asText()).isEqualTo("the scheduler is not running");
        schedulerStarted.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/readyz").statusCode() == 200);

        // The timer pool's one thread is taken, so its heartbeat cannot run.
        CountDownLatch taken = new CountDownLatch(1);
        timers.execute(() -> {
            taken.countDown();
            try {
                unwedge.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taken.await();
        nanos.addAndGet(Liveness.WEDGED.plusSeconds(1).toNanos());
        HttpResponse<String> wedged = http.get("/healthz");
        assertThat(wedged.statusCode()).isEqualTo(503);
        assertThat(wedged.body()).contains("timers").contains("no heartbeat for 121 s");
        assertThat(http.head("/healthz").statusCode()).isEqualTo(503);

        unwedge.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/healthz").statusCode() == 200);
    }

    private static JsonNode body(OpsHttp http) throws Exception {
        return JSON.readTree(http.get("/readyz").body());
    }

    private static JsonNode awaitNotReady(OpsHttp http, String check) {
        JsonNode[] body = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    HttpResponse<String> r = http.get("/readyz");
                    body[0] = JSON.readTree(r.body());
                    return r.statusCode() == 503 && body[0].path("failing").has(check);
                });
        return body[0];
    }
}
