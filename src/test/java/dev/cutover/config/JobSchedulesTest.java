package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSchedulesTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final ConfigLoader loader = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get));

    private static String yaml(String cron) {
        return """
                jobs:
                  - name: fine
                    cron: "0 0 3 * * ?"
                    target: { type: command, command: [true] }
                  - name: bad
                    cron: "%s"
                    target: { type: command, command: [true] }
                """
                .formatted(cron);
    }

    private CutoverConfig check(String cron) {
        return loader.parse("jobs.yml", yaml(cron), c -> JobSchedules.checkFires(c.jobs(), NOW));
    }

    @Test
    void aCronOnTheThirtiethOfFebruaryIsRefusedWithFileLineAndKey() {
        assertThatThrownBy(() -> check("0 0 0 30 2 ?"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jobs.yml:6: jobs[1].cron: never fires after 2026-12-04T12:00:00Z");
    }

    @Test
    void aOneOffInThePastIsRefusedAndOneAheadIsAccepted() {
        assertThatThrownBy(() -> check("0 0 9 1 6 ? 2026"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jobs[1].cron: never fires");
        assertThat(check("0 0 9 1 6 ? 2027").jobs()).hasSize(2);
    }

    @Test
    void aDisabledJobThatNeverFiresIsAccepted() {
        String disabled = yaml("0 0 0 30 2 ?") + "    enabled: false\n";
        assertThat(loader.parse("jobs.yml", disabled, c -> JobSchedules.checkFires(c.jobs(), NOW))
                        .jobs())
                .hasSize(2);
    }

    @Test
    void theNextFireIsReadInTheJobsZone() {
        JobConfig j = loader.parse("jobs.yml", yaml("0 0 9 * * ?") + "    timeZone: Asia/Tokyo\n")
                .jobs()
                .get(1);
        assertThat(JobSchedules.nextFire(j, NOW)).contains(Instant.parse("2026-12-05T00:00:00Z"));
    }
}
