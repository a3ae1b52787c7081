package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Step Functions over AWS JSON 1.0 (POST /, X-Amz-Target: AWSStepFunctions.<Op>). */
class StepFunctionsTargetIT {
    private static final String PREFIX = "AWSStepFunctions.";
    private static final String SM = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:nightly-export";
    private static final String EXEC =
            "arn:aws:states:ap-northeast-1:123456789012:execution:nightly-export:nightly-export-20260302T100000Z";
    private static final FireIdentity FIRE =
            FireIdentity.scheduled("nightly-export", Instant.parse("2026-03-02T10:00:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private WireMockServer wm;
    private SfnClient sfn;
    private StepFunctionsTarget target;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/sfn"));
        wm.start();
        sfn = AwsTestClients.sfn(wm.port());
        target = new StepFunctionsTarget(
                sfn,
                new JobTargetConfig.StepFunctions(
                        SM, new ObjectMapper().readTree("{\"bucket\":\"exports\"}"), Duration.ofMillis(100)),
                timer);
        stub("StartExecution", "start-execution.json");
        stub("StopExecution", "stop-execution.json");
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        sfn.close();
        wm.stop();
    }

    private void stub(String op, String file) {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + op))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBodyFile(file)));
    }

    private void describe(String... files) {
        String state = Scenario.STARTED;
        for (int i = 0; i < files.length; i++) {
            String next = i + 1 < files.length ? "poll-" + (i + 1) : state;
            wm.stubFor(post(urlEqualTo("/"))
                    .inScenario("describe")
                    .whenScenarioStateIs(state)
                    .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeExecution"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                            .withBodyFile(files[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void startsAnExecutionNamedByTheFireIdentityAndPollsToSuccess() {
        describe("describe-execution-running.json", "describe-execution-succeeded.json");
        AttemptResult r = target.run(new Attempt(FIRE, 1, 9, Duration.ofSeconds(10), () -> false));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.SUCCEEDED);
        assertThat(r.refs()).containsEntry("executionArn", EXEC);
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "StartExecution"))
                        .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo("nightly-export-20260302T100000Z")))
                        .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(SM)))
                        .withRequestBody(
                                matchingJsonPath(
                                        "$.input",
                                        com.github.tomakehurst.wiremock.client.WireMock.containing(
                                                "\"cutover\":{\"fireId\":\"nightly-export-20260302T100000Z\",\"fencingToken\":9,\"attempt\":1}")))
                        .withRequestBody(matchingJsonPath(
                                "$.input",
                                com.github.tomakehurst.wiremock.client.WireMock.containing("\"bucket\":\"exports\""))));
        wm.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeExecution"))
                        .withRequestBody(matchingJsonPath("$.executionArn", equalTo(EXEC))));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "StopExecution")));
    }

    @Test
    void aFailedExecutionFailsTheAttemptWithItsErrorAndCause() {
        describe("describe-execution-failed.json");
        AttemptResult r = target.run(new Attempt(FIRE, 1, 9, Duration.ofSeconds(10), () -> false));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("FAILED", "States.TaskFailed", "export lambda threw");
    }

    @Test
    void aTimeoutStopsTheExecution() {
        describe("describe-execution-running.json");
        AttemptResult r = target.run(new Attempt(FIRE, 1, 9, Duration.ofMillis(700), () -> false));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        assertThat(r.detail()).contains("StopExecution sent");
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "StopExecution"))
                        .withRequestBody(matchingJsonPath("$.executionArn", equalTo(EXEC))));
    }

    /**
     * Runs an attempt that is cancelled (shutdown) right after the first DescribeExecution, with a
     * poll interval far longer than the test: the cancel must be acted on without waiting for a poll.
     */
    private AttemptResult cancelledAfterTheFirstPoll(boolean detach) throws Exception {
        describe("describe-execution-running.json");
        return CancelledAttempts.cancelOnceWaiting(
                new StepFunctionsTarget(sfn, new JobTargetConfig.StepFunctions(SM, null, Duration.ofSeconds(1)), timer),
                FIRE,
                () -> !wm.findAll(postRequestedFor(urlEqualTo("/"))
                                .withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeExecution")))
                        .isEmpty(),
                detach);
    }

    @Test
    void aCancelledAttemptStopsTheExecutionWithoutWaitingForTheNextPoll() throws Exception {
        AttemptResult r = cancelledAfterTheFirstPoll(false);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("cancelled", "StopExecution sent");
        assertThat(r.mayStillRun()).isFalse();
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "StopExecution")));
    }

    /** A StopExecution Step Functions refused leaves the execution possibly running: the lock is kept. */
    @Test
    void aRefusedStopExecutionSaysTheExecutionMayStillRun() throws Exception {
        wm.stubFor(
                post(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(PREFIX + "StopExecution"))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                                        .withBody(
                                                "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed: states:StopExecution\"}")));
        AttemptResult r = cancelledAfterTheFirstPoll(false);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("cancelled", "StopExecution failed", "not allowed");
        assertThat(r.mayStillRun()).isTrue();
    }

    @Test
    void aShutdownUnderDetachLeavesTheExecutionRunning() throws Exception {
        AttemptResult r = cancelledAfterTheFirstPoll(true);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.DETACHED);
        assertThat(r.detail()).contains(EXEC, "left running");
        assertThat(r.refs()).containsEntry("executionArn", EXEC);
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "StopExecution")));
    }

    @Test
    void aRetryStartsAFreshExecutionName() {
        describe("describe-execution-succeeded.json");
        target.run(new Attempt(FIRE, 3, 9, Duration.ofSeconds(5), () -> false));
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + "StartExecution"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("nightly-export-20260302T100000Z-a3"))));
    }
}
