package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ServiceConfig;
import dev.cutover.config.StepPolicyConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.memory.InMemoryScalingHistory;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scaling monitor over in-memory service status and scaling history and a clock the test moves. */
class ScalingMonitorTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    static final String CLUSTER = "prod";
    static final String SERVICE = "api";
    static final String QUEUE = "orders-worker";

    final InMemoryServiceStatus services = new InMemoryServiceStatus();
    final InMemoryScalingHistory history = new InMemoryScalingHistory();
    final RecordingNotifier chat = new RecordingNotifier();
    final double[] depth = {0};

    /** The example: 0–100 visible → 1 task, 100–300 → 5, 300 and more → 10. */
    final ServiceConfig api = new ServiceConfig(
            CLUSTER,
            SERVICE,
            "C0ALERTS01",
            null,
            QUEUE,
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
            services,
            history,
            new InMemoryStateStore<>(),
            new ScalingPoster(chat, CutoverThreads.NONE, q -> Optional.of(queueAt(depth[0]))),
            clock);

    {
        setService(2, 2);
    }

    /**
     * Sets the service's counts (the tasks not yet running are pending); a change of desired count
     * records a Successful scaling activity, as Application Auto Scaling would.
     */
    void setService(int desired, int running) {
        ServiceCounts before = services.describe(CLUSTER, List.of(SERVICE)).get(SERVICE);
        services.set(CLUSTER, SERVICE, new ServiceCounts(desired, running, Math.max(0, desired - running)));
        if (before != null && before.desired() != desired) {
            history.add(
                    "service/" + CLUSTER + "/" + SERVICE,
                    new ScalingActivity(
                            "activity-" + desired + "-" + clock.instant(),
                            "the test set the desired count",
                            "Setting desired count to " + desired + ".",
                            "Successful",
                            null,
                            clock.instant()));
        }
    }

    AlertState queueAt(double visible) {
        return new AlertState(
                AlertLevel.OK, null, 0, null, new QueueSample(clock.instant(), visible, null), null, List.of());
    }

    @Test
    void activitiesAndCountChangesArePostedWithWhatThePolicyGivesAndTheFirstPollOnlyRecords() {
        monitor.pollAll();
        assertThat(chat.calls()).isEmpty();

        depth[0] = 340;
        setService(10, 2);
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
        setService(5, 2);
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

        setService(5, 5);
        monitor.pollAll();
        assertThat(chat.last("post").message().text()).contains("Running caught up with desired (5).");
    }
}
