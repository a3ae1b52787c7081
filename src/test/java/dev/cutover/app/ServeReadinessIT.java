package dev.cutover.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.chat.slack.SlackTestApps;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.ServeRequirements;
import dev.cutover.testing.OpsHttp;
import dev.cutover.testing.PrivateRedis;
import dev.cutover.testing.PrometheusText;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serve}'s ops port in HTTP mode, in process over the production wiring: a private
 * redis-server the test kills and hangs, WireMock as Slack. Readiness follows Redis both ways, a
 * probe never waits on a hung Redis, HEAD answers like GET without a body, readiness is 503 from the
 * first step of the stop on, and {@code /metrics} is valid Prometheus text with the JVM, pool and
 * work-pool meters.
 */
class ServeReadinessIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private CutoverConfig config(PrivateRedis redis, int opsPort) {
        String yaml =
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: test-secret, httpPort: 0, apiBaseUrl: "%s/api/", responseWorkers: 3 }
                redis: { url: "%s" }
                ops: { port: %d }
                shutdown: { grace: 10s }
                scheduler: { shutdownTimeout: 3s, channel: C0OPS }
                jobs:
                  - name: slow
                    cron: "* * * * * ?"
                    target: { type: command, command: [sleep, "30"] }
                    timeout: 60s
                    maxAttempts: 1
                """
                        .formatted(slackApi.baseUrl(), redis.uri(), opsPort);
        return new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get))
                .parse("serve.yml", yaml, ServeRequirements::check);
    }

    @Test
    void readinessFollowsRedisNeverHangsAndTurns503AtTheStartOfTheStop() throws Exception {
        SlackTestApps.stubAuthTest(slackApi);
        int port = OpsHttp.freePort();
        OpsHttp ops = new OpsHttp(port);
        try (PrivateRedis redis = new PrivateRedis()) {
            AutoCloseable running = ProductionWiring.serve(config(redis, port));
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ops.get("/readyz").statusCode() == 200);
                assertThat(JSON.readTree(ops.get("/readyz").body())
                                .path("status")
                                .asText())
                        .isEqualTo("ready");
                HttpResponse<String> head = ops.head("/readyz");
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.body()).isEmpty();
                assertThat(ops.head("/healthz").statusCode()).isEqualTo(200);
                assertThat(ops.get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");

                redis.kill();
                JsonNode down = awaitNotReady(ops, "redis");
                assertThat(down.path("status").asText()).isEqualTo("not ready");
                assertThat(down.path("failing").path("redis").asText()).startsWith("no answer to PING");
                assertThat(ops.head("/readyz").statusCode()).isEqualTo(503);
                assertThat(ops.get("/healthz").statusCode())
                        .as("Redis down is not a reason to restart the process")
                        .isEqualTo(200);

                redis.start();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ops.get("/readyz").statusCode() == 200);

                redis.hang();
                awaitNotReady(ops, "redis");
                long start = System.nanoTime();
                assertThat(ops.get("/readyz").statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("the probe answers from the last round, not by asking a hung Redis")
                        .isLessThan(Duration.ofMillis(500));
                redis.resume();
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> ops.get("/readyz").statusCode() == 200);

                PrometheusText metrics =
                        PrometheusText.parse(ops.get("/metrics").body());
                assertThat(ops.get("/metrics").headers().firstValue("Content-Type"))
                        .hasValue("text/plain; version=0.0.4; charset=utf-8");
                assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
                assertThat(metrics.has("process_cpu_usage")).isTrue();
                assertThat(metrics.sum("executor_pool_max_threads", Map.of("name", "cutover-work")))
                        .isEqualTo(8.0);
                // the pools that talk to Slack are measured too: response_url answers (as
                // configured) and message updates
                assertThat(metrics.sum("executor_pool_max_threads", Map.of("name", "cutover-respond")))
                        .isEqualTo(3.0);
                assertThat(metrics.has("executor_queued_tasks")).isTrue();
                assertThat(metrics.sum("executor_pool_core_threads", Map.of("name", "cutover-slack-timer")))
                        .isEqualTo(4.0);
                assertThat(metrics.has("cutover_requests_open")).isTrue();
                // the job fires every second: a run is under way once its lock was taken; the
                // Jedis pool is found over JMX by a background updater
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    PrometheusText now =
                            PrometheusText.parse(ops.get("/metrics").body());
                    assertThat(now.sum("cutover_lock_acquisitions_total", Map.of("result", "acquired")))
                            .isGreaterThanOrEqualTo(1);
                    assertThat(now.has("commons_pool2_num_active_objects"))
                            .as("the Jedis pool")
                            .isTrue();
                });
            } finally {
                CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                    try {
                        running.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // The running job holds the stop for up to the scheduler's 3 s: readiness is 503 throughout.
                JsonNode stopping = awaitNotReady(ops, "shutdown");
                assertThat(stop)
                        .as("still stopping while readiness already says so")
                        .isNotDone();
                assertThat(stopping.path("failing").path("shutdown").asText()).isEqualTo("the process is stopping");
                stop.get();
            }
        }
    }

    private static JsonNode awaitNotReady(OpsHttp ops, String check) {
        JsonNode[] body = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    HttpResponse<String> r = ops.get("/readyz");
                    body[0] = JSON.readTree(r.body());
                    return r.statusCode() == 503 && body[0].path("failing").has(check);
                });
        return body[0];
    }
}
