package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.SandboxWiring;
import dev.cutover.chat.text.PlainTextRenderer;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.sandbox.console.SandboxConsole;
import dev.cutover.testing.OpsHttp;
import dev.cutover.testing.PrometheusText;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of the whole bot (the sandbox: the production code path behind signed Slack
 * requests over loopback), read over the ops port: valid Prometheus text whose counters move after a
 * signed {@code /swap} approved and applied, a job run and a queue alert.
 */
class MetricsIT {
    private static CutoverConfig sandboxConfig() throws IOException {
        try (InputStream in = MetricsIT.class.getResourceAsStream("/sandbox/cutover-sandbox.yml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("insyncDelay: 2s", "insyncDelay: 200ms")
                    + "\nops: { port: 0 }\n";
            return new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("sandbox.yml", yaml);
        }
    }

    @Test
    void countersMoveAfterASwapAJobRunAndAnAlert() throws IOException {
        CutoverConfig config = sandboxConfig();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SandboxConsole console =
                SandboxConsole.create(config, out, new PlainTextRenderer(SandboxConsole.displayNames(config)));
        try (SandboxWiring sandbox = new SandboxWiring(config, Clock.systemUTC(), console.screen())) {
            OpsHttp ops = new OpsHttp(sandbox.opsPort().orElseThrow());
            PrometheusText before = PrometheusText.parse(ops.get("/metrics").body());

            int status = console.run(
                    sandbox.consoleTarget(),
                    new BufferedReader(new StringReader(String.join(
                            "\n",
                            "as alice",
                            "/swap blue-green",
                            "as bob",
                            "click approve",
                            "expect INSYNC after",
                            "/cron run sandbox-hello",
                            "expect succeeded (1 attempt, exit 0",
                            "queue orders-worker 150",
                            "expect orders-worker is warning"))),
                    true);
            assertThat(status).as(bytes.toString(StandardCharsets.UTF_8)).isZero();

            PrometheusText after = PrometheusText.parse(ops.get("/metrics").body());
            assertThat(moved(before, after, "cutover_commands_total", Map.of("command", "swap", "outcome", "accepted")))
                    .isEqualTo(1.0);
            assertThat(moved(before, after, "cutover_swaps_total", Map.of("kind", "swap", "result", "done")))
                    .isEqualTo(1.0);
            assertThat(moved(before, after, "cutover_approval_wait_seconds_count", Map.of("decision", "approved")))
                    .isEqualTo(1.0);
            assertThat(moved(before, after, "cutover_swap_apply_seconds_count", Map.of()))
                    .isEqualTo(1.0);
            assertThat(moved(
                            before,
                            after,
                            "cutover_job_runs_total",
                            Map.of("job", "sandbox-hello", "result", "succeeded")))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(moved(before, after, "cutover_job_attempts_total", Map.of("job", "sandbox-hello")))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(moved(before, after, "cutover_lock_acquisitions_total", Map.of("result", "acquired")))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(moved(
                            before,
                            after,
                            "cutover_alert_transitions_total",
                            Map.of("kind", "queue", "from", "ok", "to", "warning")))
                    .isEqualTo(1.0);
            assertThat(after.sum("cutover_alerts_open", Map.of("kind", "queue")))
                    .isEqualTo(1.0);
            assertThat(moved(
                            before,
                            after,
                            "cutover_slack_calls_total",
                            Map.of("method", "chat.postMessage", "outcome", "ok")))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(after.types())
                    .containsEntry("cutover_swaps_total", "counter")
                    .containsEntry("cutover_approval_wait_seconds", "histogram")
                    .containsEntry("cutover_swap_apply_seconds", "histogram");
            assertThat(after.samples().stream().filter(s -> s.name().startsWith("cutover_")))
                    .as("labels are bounded: no user or request ids")
                    .allSatisfy(
                            s -> assertThat(s.labels().values()).noneMatch(v -> v.matches("U0[A-Z0-9]+|[0-9a-z]{16}")));
        }
    }

    private static double moved(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
