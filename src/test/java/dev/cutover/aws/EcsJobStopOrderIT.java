package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.redis.RedisFireClaims;
import dev.cutover.redis.RedisLockProvider;
import dev.cutover.redis.TestRedis;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A job's lock (the real Redis) is released only after its ECS task was told to stop: when StopTask
 * reaches WireMock as ECS, the lock key still exists, so no replica can start the next slot beside a
 * task still running; a StopTask that ECS refused leaves the lock to lapse at its lease.
 */
class EcsJobStopOrderIT {
    private static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final FireIdentity FIRE = FireIdentity.scheduled("ecs-order", Instant.parse("2026-03-02T10:00:00Z"));
    private final String keys = TestRedis.newPrefix();
    private final String lockKey = keys + "lock:{job:ecs-order}";
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    /** Whether the lock key existed in Redis each time StopTask arrived, read before it is answered. */
    private final List<Boolean> lockHeldAtStopTask = new CopyOnWriteArrayList<>();

    private WireMockServer wm;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/ecs"));
        // Listeners run before the response is written: the target is still waiting for StopTask.
        wm.addMockServiceRequestListener((request, response) -> {
            String op = request.getHeader("X-Amz-Target");
            if ((PREFIX + "StopTask").equals(op)) {
                lockHeldAtStopTask.add(TestRedis.client().exists(lockKey));
            }
        });
        wm.start();
        ecs = AwsTestClients.ecs(wm.port());
        stub("RunTask", json("run-task.json"));
        stub("DescribeTasks", json("describe-tasks-running.json"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        ecs.close();
        wm.stop();
        TestRedis.deleteAll(keys);
    }

    @Test
    void theLockIsStillHeldWhenStopTaskArrivesAndReleasedOnceItWasAnswered() throws Exception {
        stub("StopTask", json("stop-task.json"));

        RunRecord r = fireAndShutDownWhileTheTaskRuns();

        assertThat(r.result()).isEqualTo(Result.SHUTDOWN);
        assertThat(r.detail()).contains("StopTask sent");
        assertThat(lockHeldAtStopTask).containsExactly(true);
        assertThat(TestRedis.client().exists(lockKey)).isFalse();
    }

    @Test
    void aStopTaskEcsRefusedLeavesTheLockToLapseAtItsLease() throws Exception {
        stub(
                "StopTask",
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed: ecs:StopTask\"}"));

        RunRecord r = fireAndShutDownWhileTheTaskRuns();

        assertThat(r.result()).isEqualTo(Result.SHUTDOWN);
        assertThat(r.detail()).contains("stop not confirmed", "StopTask failed");
        assertThat(lockHeldAtStopTask).containsExactly(true);
        // Not released and no longer renewed: it lapses within the 5 s lease.
        assertThat(TestRedis.client().pttl(lockKey)).isBetween(1L, 5_000L);
    }

    private RunRecord fireAndShutDownWhileTheTaskRuns() throws Exception {
        JobTargetConfig.EcsTask cfg = new JobTargetConfig.EcsTask(
                "prod",
                "app-worker",
                List.of(new JobTargetConfig.CapacityProvider("FARGATE", 1, null)),
                List.of("subnet-0aaa1111"),
                List.of("sg-0ccc3333"),
                false,
                "app",
                List.of("php", "artisan", "some:job"),
                Map.of(),
                null);
        JobSpec spec = Jobs.spec("ecs-order", "0 0 10 * * ?", new EcsTaskTarget(ecs, cfg, Duration.ofMillis(200)));
        RunGate gate = RunGate.standard();
        JobRunner runner = new JobRunner(
                new RedisLockProvider(TestRedis.client(), keys),
                new RedisFireClaims(TestRedis.client(), keys),
                new InMemoryJobHistory(10),
                new JobAlertMessages(new RecordingNotifier()),
                Clock.systemUTC(),
                timer,
                gate);
        CompletableFuture<RunRecord> run = CompletableFuture.supplyAsync(() -> runner.fire(spec, FIRE, "scheduled"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !wm.findAll(
                        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeTasks")))
                .isEmpty());
        assertThat(TestRedis.client().exists(lockKey)).isTrue();
        gate.abort();
        return run.get(10, TimeUnit.SECONDS);
    }

    private void stub(String op, ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + op))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder json(String file) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBodyFile(file);
    }
}
