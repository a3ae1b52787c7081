package dev.cutover.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 11 item 6: a job process whose bot is gone is found at start-up. */
class LeftoverProcessesTest {
    @Test
    void aJobProcessOfADeadBotIsFoundAndOneOfALiveBotIsNot() throws Exception {
        Process deadBot = new ProcessBuilder("true").start();
        deadBot.waitFor(5, TimeUnit.SECONDS);
        ProcessBuilder pb = new ProcessBuilder("sleep", "1005");
        pb.environment().put("CUTOVER_FIRE_ID", "nightly-20260302T030000Z");
        pb.environment().put("CUTOVER_BOT_PID", Long.toString(deadBot.pid()));
        Process orphan = pb.start();
        ProcessBuilder mine = new ProcessBuilder("sleep", "1006");
        mine.environment().put("CUTOVER_FIRE_ID", "hourly-20260302T030000Z");
        mine.environment()
                .put("CUTOVER_BOT_PID", Long.toString(ProcessHandle.current().pid()));
        Process ours = mine.start();
        try {
            assertThat(LeftoverProcesses.report())
                    .contains(new LeftoverProcesses.Leftover(orphan.pid(), "nightly-20260302T030000Z", deadBot.pid()))
                    .noneMatch(l -> l.pid() == ours.pid());
        } finally {
            orphan.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            ours.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
