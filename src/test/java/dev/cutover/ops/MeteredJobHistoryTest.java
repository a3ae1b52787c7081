package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.memory.InMemoryJobHistory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kept run is counted by job and result; the fire delay is measured for scheduled runs only. */
class MeteredJobHistoryTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryJobHistory stored = new InMemoryJobHistory(10);
    private final MeteredJobHistory history = new MeteredJobHistory(stored, registry);
    private final Instant slot = Instant.parse("2026-01-01T03:00:00Z");

    private RunRecord run(String trigger, Result result, int attempts, long delaySeconds) {
        Instant start = slot.plusSeconds(delaySeconds);
        return new RunRecord(
                "nightly",
                "nightly@" + slot,
                slot,
                trigger,
                start,
                start.plusSeconds(5),
                attempts,
                result,
                0,
                "",
                Map.of());
    }

    @Test
    void runsAttemptsAndFireDelayAreMeasured() {
        history.record(run("scheduled", Result.SUCCEEDED, 2, 2));
        history.record(run("manual:U0ALICE", Result.SUCCEEDED, 1, 600));
        history.record(run("scheduled", Result.SKIPPED_LOCKED, 0, 0));

        assertThat(stored.recent("nightly", 10)).hasSize(3);
        assertThat(registry.get("cutover.job.runs")
                        .tags("job", "nightly", "result", "succeeded")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("cutover.job.runs")
                        .tags("result", "skipped_locked")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("cutover.job.attempts").counter().count()).isEqualTo(3.0);
        var delay = registry.get("cutover.job.fire.delay").timer();
        assertThat(delay.count()).as("manual runs and skips have no fire delay").isEqualTo(1);
        assertThat(delay.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2.0);
    }

    @Test
    void aDuplicateDeliveryIsCountedButNotKept() {
        history.record(run("scheduled", Result.SUCCEEDED, 1, 1));
        history.duplicate(run("scheduled", Result.SKIPPED_DUPLICATE, 0, 1));

        assertThat(stored.recent("nightly", 10)).extracting(RunRecord::result).containsExactly(Result.SUCCEEDED);
        assertThat(registry.get("cutover.job.runs")
                        .tags("job", "nightly", "result", "skipped_duplicate")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
