package dev.cutover.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.redis.TestRedis;
import dev.cutover.testing.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process (the shaded jar) stopped with a real SIGTERM, as every deploy on ECS
 * or Kubernetes stops it: it logs that it is stopping, stops the job it started (the whole process
 * group), releases its lock, records the run as shut down, posts one notice and exits 0 within the
 * grace; a job with {@code onShutdown:
 * detach} leaves its ECS task running (WireMock as ECS) and its lock to lapse.
 */
class ServeShutdownIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension ecsApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/ecs"))
            .build();

    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final Map<String, String> TEST_AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDTESTTESTTEST",
            "AWS_SECRET_ACCESS_KEY", "test-secret",
            "AWS_EC2_METADATA_DISABLED", "true");
    private static final String TASK_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task/prod/0123456789abcdef0";

    @TempDir
    Path dir;

    /**
     * SIGTERM while a {@code command} job runs a double-forked sleep, with the shared Redis: exit 0
     * within the grace, no process of the job left, its lock gone from Redis (released after the
     * group was killed), one history entry {@code SHUTDOWN} and exactly one notice in Slack.
     */
    @Test
    void sigtermDuringAJobStopsItsProcessesReleasesItsLockRecordsItAndExitsZeroWithinTheGrace() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0OPS\",\"ts\":\"1700000000.000100\"}")));
        // A marker no other process on the machine has, so the check for leftovers is exact; the job
        // name is unique too, as the bot keeps its keys under the default prefix of the shared Redis.
        String marker = "9" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String job = "long-sleep-" + marker;
        String yaml =
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                redis: { url: "%s" }
                shutdown: { grace: 10s }
                scheduler: { shutdownTimeout: 2s, channel: C0OPS }
                jobs:
                  - name: %s
                    cron: "* * * * * ?"
                    target: { type: command, command: [sh, -c, "(sleep %s &) ; sleep %s"] }
                    timeout: 600s
                    lease: 30s
                    maxAttempts: 1
                """
                        .formatted(slackApi.baseUrl(), TestRedis.URL, job, marker, marker);
        String lockKey = "cutover:lock:{job:" + job + "}";
        ServeProcess serve = ServeProcess.start(dir, "cutover", yaml, Map.of());
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sleeps(marker) == 2 || !serve.isAlive());
            assertThat(serve.isAlive()).as(serve.log()).isTrue();
            assertThat(TestRedis.client().exists(lockKey)).isTrue();

            Duration took = serve.sigtermAndAwaitCleanExit(Duration.ofSeconds(10), () -> {});
            System.out.printf("job stopped by SIGTERM: exited 0 after %d ms%n", took.toMillis());
            assertThat(serve.log())
                    .contains("stopping (SIGTERM): no new work is taken; work in flight has 10 s to finish")
                    .contains("stopped in ");
            // One line for the job handed back (stopped), naming it and how it ended.
            assertThat(serve.lines(": SHUTDOWN after"))
                    .singleElement()
                    .asString()
                    .contains(" INFO ", "job " + job + " fire ", "shut down during attempt 1");
            assertThat(serve.log()).doesNotContain("left to lapse");
            await().atMost(Duration.ofSeconds(5)).until(() -> sleeps(marker) == 0);
            // The group was killed before the lock was released: no key left to lapse.
            assertThat(TestRedis.client().exists(lockKey)).isFalse();
            assertThat(TestRedis.client().lrange("cutover:history:" + job, 0, -1))
                    .filteredOn(e -> e.contains("SHUTDOWN"))
                    .singleElement()
                    .asString()
                    .contains("shut down during attempt 1", "killed the process");
            assertThat(slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))))
                    .as("notices posted")
                    .singleElement()
                    .satisfies(r -> assertThat(r.getBodyAsString()).contains(job, "C0OPS"));
        } finally {
            serve.close();
            ProcessHandle.allProcesses()
                    .filter(p -> commandLine(p).contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
            TestRedis.client().del(lockKey, "cutover:fence:{job:" + job + "}", "cutover:history:" + job);
            TestRedis.deleteAll("cutover:claim:fire:" + job + "-");
        }
    }

    @Test
    void sigtermDuringAnEcsJobThatDetachesLeavesTheTaskRunningAndItsLockToLapse() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        for (String[] op : new String[][] {
            {"RunTask", "run-task.json"},
            {"DescribeTasks", "describe-tasks-running.json"},
            {"StopTask", "stop-task.json"}
        }) {
            ecsApi.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(ECS + op[0]))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBodyFile(op[1])));
        }
        String job = "detach-" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String yaml =
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/" }
                ops: { port: 0 }
                aws: { region: ap-northeast-1, endpointOverride: "%s" }
                redis: { url: "%s" }
                shutdown: { grace: 10s }
                scheduler: { shutdownTimeout: 2s, channel: C0OPS }
                jobs:
                  - name: %s
                    cron: "* * * * * ?"
                    target: { type: ecs-task, cluster: prod, taskDefinition: app-worker, subnets: [subnet-0aaa1111], container: app }
                    timeout: 600s
                    lease: 30s
                    onShutdown: detach
                """
                        .formatted(slackApi.baseUrl(), ecsApi.baseUrl(), TestRedis.URL, job);
        ServeProcess serve = ServeProcess.start(dir, "detach", yaml, TEST_AWS_ENV);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !ecsCalls("DescribeTasks").isEmpty() || !serve.isAlive());
            assertThat(serve.isAlive()).as(serve.log()).isTrue();

            serve.sigtermAndAwaitCleanExit(Duration.ofSeconds(10), () -> {});
            assertThat(serve.lines(": DETACHED after"))
                    .singleElement()
                    .asString()
                    .contains(
                            " INFO ", "job " + job + " fire ", TASK_ARN, "left running", "the lock lapses within 30 s");
            assertThat(ecsCalls("StopTask")).isEmpty();
            // The lock is left to lapse: the next slot cannot start beside the task within the lease.
            assertThat(TestRedis.client().pttl("cutover:lock:{job:" + job + "}"))
                    .isBetween(1L, 30_000L);
            assertThat(TestRedis.client().lrange("cutover:history:" + job, 0, 0))
                    .singleElement()
                    .asString()
                    .contains("DETACHED", TASK_ARN);
        } finally {
            serve.close();
            TestRedis.client()
                    .del("cutover:lock:{job:" + job + "}", "cutover:fence:{job:" + job + "}", "cutover:history:" + job);
            TestRedis.deleteAll("cutover:claim:fire:" + job + "-");
        }
    }

    private java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> ecsCalls(String op) {
        return ecsApi.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS + op)));
    }

    /** How many {@code sleep <marker>} processes run on this machine. */
    private static long sleeps(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).equals("sleep " + marker))
                .count();
    }

    private static String commandLine(ProcessHandle p) {
        Optional<String> cmd = p.info().commandLine();
        return cmd.map(c -> c.replaceAll("^\\S*/", "")).orElse("");
    }
}
