package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** ECS over AWS JSON 1.1 (POST /, X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>). */
class EcsTaskTargetIT {
    private static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final String TASK_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task/prod/0123456789abcdef0";
    private static final FireIdentity FIRE = FireIdentity.scheduled("some-job", Instant.parse("2026-03-02T10:00:00Z"));
    private WireMockServer wm;
    private EcsClient ecs;
    private EcsTaskTarget target;
    private JobTargetConfig.EcsTask cfg;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/ecs"));
        wm.start();
        ecs = AwsTestClients.ecs(wm.port());
        cfg = new JobTargetConfig.EcsTask(
                "prod",
                "app-worker",
                List.of(
                        new JobTargetConfig.CapacityProvider("FARGATE_SPOT", 1, null),
                        new JobTargetConfig.CapacityProvider("FARGATE", 0, 0)),
                List.of("subnet-0aaa1111"),
                List.of("sg-0ccc3333"),
                false,
                "app",
                List.of("php", "artisan", "some:job", "--no-interaction"),
                Map.of("APP_ENV", "production"),
                "worker");
        target = new EcsTaskTarget(ecs, cfg, Duration.ofMillis(100));
        stub("RunTask", "run-task.json");
        stub("StopTask", "stop-task.json");
    }

    @AfterEach
    void stop() {
        ecs.close();
        wm.stop();
    }

    private void stub(String op, String file) {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + op))
                .willReturn(json(file)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String file) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBodyFile(file);
    }

    private void describeTasks(String... files) {
        String state = Scenario.STARTED;
        for (int i = 0; i < files.length; i++) {
            String next = i + 1 < files.length ? "poll-" + (i + 1) : state;
            wm.stubFor(post(urlEqualTo("/"))
                    .inScenario("describe")
                    .whenScenarioStateIs(state)
                    .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeTasks"))
                    .willReturn(json(files[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private AttemptResult run(int attempt, Duration timeout) {
        return target.run(new Attempt(FIRE, attempt, 17, timeout, () -> false));
    }

    @Test
    void runTaskThenWaitsUntilStoppedAndTakesTheEssentialContainersExitCode() {
        describeTasks(
                "describe-tasks-running.json", "describe-tasks-running.json", "describe-tasks-stopped-exit-0.json");
        AttemptResult r = run(1, Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.SUCCEEDED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.refs())
                .containsEntry("taskArn", TASK_ARN)
                .containsEntry("logStream", "worker/app/0123456789abcdef0");
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "RunTask"))
                        .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                        .withRequestBody(matchingJsonPath("$.clientToken", equalTo("some-job-20260302T100000Z")))
                        .withRequestBody(matchingJsonPath("$.cluster", equalTo("prod")))
                        .withRequestBody(matchingJsonPath(
                                "$.capacityProviderStrategy[0].capacityProvider", equalTo("FARGATE_SPOT")))
                        .withRequestBody(
                                matchingJsonPath("$.capacityProviderStrategy[1].capacityProvider", equalTo("FARGATE")))
                        .withRequestBody(matchingJsonPath(
                                "$.networkConfiguration.awsvpcConfiguration.subnets[0]", equalTo("subnet-0aaa1111")))
                        .withRequestBody(matchingJsonPath(
                                "$.networkConfiguration.awsvpcConfiguration.assignPublicIp", equalTo("DISABLED")))
                        .withRequestBody(matchingJsonPath(
                                "$.overrides.containerOverrides[0].command",
                                equalToJson("[\"php\",\"artisan\",\"some:job\",\"--no-interaction\"]")))
                        .withRequestBody(matchingJsonPath(
                                "$.overrides.containerOverrides[0].environment[?(@.name == 'CUTOVER_FENCING_TOKEN')].value",
                                equalToJson("[\"17\"]"))));
        wm.verify(
                3,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeTasks"))
                        .withRequestBody(matchingJsonPath("$.tasks[0]", equalTo(TASK_ARN))));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "StopTask")));
    }

    /**
     * Runs an attempt that is cancelled (shutdown) right after the first DescribeTasks, with a poll
     * interval far longer than the test: the cancel must be acted on without waiting for a poll.
     */
    private AttemptResult cancelledAfterTheFirstPoll(boolean detach) throws Exception {
        describeTasks("describe-tasks-running.json");
        return CancelledAttempts.cancelOnceWaiting(
                new EcsTaskTarget(ecs, cfg, Duration.ofSeconds(6)),
                FIRE,
                () -> !wm.findAll(postRequestedFor(urlEqualTo("/"))
                                .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeTasks")))
                        .isEmpty(),
                detach);
    }

    @Test
    void aCancelledAttemptStopsTheTaskWithoutWaitingForTheNextPoll() throws Exception {
        AttemptResult r = cancelledAfterTheFirstPoll(false);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("cancelled", "StopTask sent");
        assertThat(r.mayStillRun()).isFalse();
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "StopTask"))
                        .withRequestBody(matchingJsonPath("$.task", equalTo(TASK_ARN))));
    }

    /** A StopTask ECS refused leaves the task possibly running: the runner must not release the lock. */
    @Test
    void aRefusedStopTaskSaysTheTaskMayStillRun() throws Exception {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + "StopTask"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed: ecs:StopTask\"}")));
        AttemptResult r = cancelledAfterTheFirstPoll(false);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("cancelled", "StopTask failed", "not allowed");
        assertThat(r.mayStillRun()).isTrue();
    }

    @Test
    void aShutdownUnderDetachLeavesTheTaskRunning() throws Exception {
        AttemptResult r = cancelledAfterTheFirstPoll(true);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.DETACHED);
        assertThat(r.detail()).contains(TASK_ARN, "left running");
        assertThat(r.refs()).containsEntry("taskArn", TASK_ARN);
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "StopTask")));
    }

    @Test
    void aNonZeroExitFailsWithTheCodeAndARetryGetsItsOwnClientToken() {
        describeTasks("describe-tasks-stopped-exit-3.json");
        AttemptResult r = run(2, Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.detail()).contains("exit code 3", "Essential container in task exited");
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + "RunTask"))
                .withRequestBody(matchingJsonPath("$.clientToken", equalTo("some-job-20260302T100000Z-a2"))));
    }

    @Test
    void aTimeoutStopsTheTask() {
        describeTasks("describe-tasks-running.json");
        long start = System.nanoTime();
        AttemptResult r = run(1, Duration.ofMillis(800));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        assertThat(r.detail()).contains("StopTask sent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "StopTask"))
                        .withRequestBody(matchingJsonPath("$.task", equalTo(TASK_ARN)))
                        .withRequestBody(matchingJsonPath("$.cluster", equalTo("prod"))));
    }

    @Test
    void anAwsErrorOnRunTaskIsAFailedAttempt() {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + "RunTask"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(1, Duration.ofSeconds(5)))
                .isInstanceOf(software.amazon.awssdk.services.ecs.model.ClusterNotFoundException.class);
    }
}
