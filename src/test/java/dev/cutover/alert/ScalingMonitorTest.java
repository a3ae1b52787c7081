package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.AutoScalingHistory;
import dev.cutover.aws.EcsServiceStatus;
import dev.cutover.config.ServiceConfig;
import dev.cutover.config.StepPolicyConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.sandbox.SandboxAutoScalingClient;
import dev.cutover.sandbox.SandboxEcsClient;
import dev.cutover.sandbox.SandboxMetrics;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scaling monitor over the sandbox's ECS and Application Auto Scaling, through the real adapters. */
class ScalingMonitorTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final SandboxMetrics sandbox = SandboxMetrics.seeded(clock);
    final RecordingNotifier chat = new RecordingNotifier();
    final double[] depth = {0};

    /** The example: 0–100 visible → 1 task, 100–300 → 5, 300 and more → 10. */
    final ServiceConfig api = new ServiceConfig(
            SandboxMetrics.CLUSTER,
            SandboxMetrics.SERVICE,
            "C0ALERTS01",
            null,
            SandboxMetrics.QUEUE,
            1,
            10,
            new StepPolicyConfig(
                    "ExactCapacity",
                    0.0,
                    List.of(
                            new StepPolicyConfig.Step(0.0, 100.0, 1),
                            new StepPolicyConfig.Step(100.0, 300.0, 5),
                            new StepPolicyConfig.Step(300.0, null, 10))),
            null,
            Duration.ofMinutes(5),
            null);

    final ScalingMonitor monitor = new ScalingMonitor(
            List.of(api),
            new EcsServiceStatus(new SandboxEcsClient(sandbox)),
            new AutoScalingHistory(new SandboxAutoScalingClient(sandbox)),
            new InMemoryStateStore<>(),
            new ScalingPoster(chat, CutoverThreads.NONE, q -> Optional.of(queueAt(depth[0]))),
            clock);

    AlertState queueAt(double visible) {
        return new AlertState(
                AlertLevel.OK, null, 0, null, new QueueSample(clock.instant(), visible, null), null, List.of());
    }

    @Test
    void activitiesAndCountChangesArePostedWithWhatThePolicyGivesAndTheFirstPollOnlyRecords() {
        monitor.pollAll();
        assertThat(chat.calls()).isEmpty();

        depth[0] = 340;
        sandbox.setService(SandboxMetrics.CLUSTER, SandboxMetrics.SERVICE, 10, 2);
        clock.advance(Duration.ofMinutes(1));
        monitor.pollAll();

        assertThat(chat.of("post")).singleElement().satisfies(c -> assertThat(
                        c.message().text())
                .contains("Scaling activity *Successful*: Setting desired count to 10.")
                .contains("Desired 2 → 10, running 2 → 2, pending 8.")
                .contains("The step policy gives *10* task(s) at 340 visible in orders-worker"));
        monitor.pollAll();
        assertThat(chat.of("post")).hasSize(1); // nothing new
    }

    @Test
    void runningBelowDesiredIsWarnedOnceAfterTheConfiguredTimeAndTheCatchUpIsSaid() {
        monitor.pollAll();
        sandbox.setService(SandboxMetrics.CLUSTER, SandboxMetrics.SERVICE, 5, 2);
        monitor.pollAll();
        clock.advance(Duration.ofMinutes(4));
        monitor.pollAll();
        assertThat(chat.of("post")).hasSize(1); // the scaling itself
        clock.advance(Duration.ofMinutes(2));
        monitor.pollAll();
        clock.advance(Duration.ofMinutes(2));
        monitor.pollAll();

        assertThat(chat.of("post")).hasSize(2);
        assertThat(chat.last("post").message().text())
                .contains("Running 2 has been below desired 5 for 6 min")
                .contains("Fargate (Spot) capacity");

        sandbox.setService(SandboxMetrics.CLUSTER, SandboxMetrics.SERVICE, 5, 5);
        monitor.pollAll();
        assertThat(chat.last("post").message().text()).contains("Running caught up with desired (5).");
    }
}
