package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.RunRecord.Result;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@link JobHistory} contract; every implementation runs it with fresh, empty stores. */
public abstract class JobHistoryContract {
    private static final Instant SLOT = Instant.parse("2026-03-02T10:00:00Z");

    /** A new history keeping {@code limit} runs per job, sharing nothing with those of other tests. */
    protected abstract JobHistory newHistory(int limit);

    @Test
    void historyIsNewestFirstAndCappedPerJob() {
        JobHistory history = newHistory(3);
        for (int i = 0; i < 5; i++) {
            history.record(run("capped", i));
        }
        assertThat(history.recent("capped", 10))
                .extracting(RunRecord::fireId)
                .containsExactly("capped-4", "capped-3", "capped-2");
        assertThat(history.latest("capped").orElseThrow().refs()).containsEntry("taskArn", "arn");
        assertThat(history.recent("unknown", 10)).isEmpty();
    }

    @Test
    void recentReturnsAtMostTheAskedNumber() {
        JobHistory history = newHistory(50);
        for (int i = 0; i < 4; i++) {
            history.record(run("many", i));
        }
        assertThat(history.recent("many", 2)).extracting(RunRecord::fireId).containsExactly("many-3", "many-2");
        assertThat(history.latest("none")).isEmpty();
    }

    @Test
    void eachJobIsCappedOnItsOwn() {
        JobHistory history = newHistory(2);
        history.record(run("quiet", 0));
        for (int i = 0; i < 5; i++) {
            history.record(run("busy", i));
        }
        assertThat(history.recent("quiet", 10)).extracting(RunRecord::fireId).containsExactly("quiet-0");
        assertThat(history.recent("busy", 10)).extracting(RunRecord::fireId).containsExactly("busy-4", "busy-3");
    }

    @Test
    void aRunReadsBackAsRecorded() {
        JobHistory history = newHistory(10);
        RunRecord failed = new RunRecord(
                "nightly",
                "nightly-2026-03-02T10:00:00Z",
                SLOT,
                "manual:U1",
                SLOT.plusMillis(1_234),
                SLOT.plusSeconds(95),
                3,
                Result.FAILED,
                4,
                "exit code 4: boom",
                Map.of("taskArn", "arn:aws:ecs:task/1", "logStream", "app/web/1"));
        RunRecord skipped = new RunRecord(
                "nightly", "nightly-2", SLOT, "scheduled", SLOT, SLOT, 0, Result.SKIPPED_LOCKED, null, null, null);
        history.record(failed);
        history.record(skipped);
        assertThat(history.recent("nightly", 10)).containsExactly(skipped, failed);
    }

    private static RunRecord run(String job, int i) {
        return new RunRecord(
                job,
                job + "-" + i,
                SLOT.plusSeconds(i),
                "scheduled",
                SLOT,
                SLOT.plusMillis(5),
                1,
                Result.SUCCEEDED,
                0,
                "ok " + i,
                Map.of("taskArn", "arn"));
    }
}
