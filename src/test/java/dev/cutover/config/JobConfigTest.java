package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {
    private final ConfigLoader loader =
            new ConfigLoader(new EnvInterpolator(Map.of("CUTOVER_DB_PASSWORD", "x", "WARMUP_TOKEN", "t")::get));

    private CutoverConfig parse(String yaml) {
        return loader.parse("jobs.yml", yaml);
    }

    private static String job(String extra) {
        return """
                scheduler:
                  timeZone: Asia/Tokyo
                jobs:
                  - name: report
                    cron: "30 2 * * *"
                    target:
                      type: command
                      command: [echo, hi]
                """
                + extra;
    }

    @Test
    void theExampleFileLoadsAndMatchesTheOldWrapper() {
        CutoverConfig c = loader.load(Path.of("config/jobs.example.yml"));
        JobConfig j = c.job("some-job").orElseThrow();
        assertThat(j.timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(j.maxAttempts()).isEqualTo(4);
        assertThat(j.lock()).isEqualTo(JobConfig.LockMode.REQUIRED);
        assertThat(((JobTargetConfig.EcsTask) j.target()).command())
                .containsExactly("php", "artisan", "some:job", "--no-interaction");
        assertThat(c.scheduler().store()).isEqualTo(SchedulerSettings.Store.JDBC);
        assertThat(c.jobs()).hasSize(4);
    }

    @Test
    void onShutdownIsStopByDefaultAndDetachOnlyForRemoteTargets() {
        assertThat(parse(job("")).jobs().get(0).onShutdown()).isEqualTo(JobConfig.OnShutdown.STOP);
        assertThatThrownBy(() -> parse(job("    onShutdown: detach\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jobs.yml:9: jobs[0].onShutdown: detach is only for ecs-task and"
                        + " step-functions targets (a command target cannot outlive the bot)");
        assertThatThrownBy(() -> parse(job("    onShutdown: later\n"))).hasMessageContaining("jobs[0].onShutdown");
        String sfn = job("    onShutdown: detach\n")
                .replace("type: command", "type: step-functions")
                .replace(
                        "command: [echo, hi]", "stateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:x");
        assertThat(parse(sfn).jobs().get(0).onShutdown()).isEqualTo(JobConfig.OnShutdown.DETACH);
    }

    @Test
    void unixCronIsConvertedAndDescribedAsSuch() {
        JobConfig j = parse(job("")).jobs().get(0);
        assertThat(j.cronSpec().quartz()).isEqualTo("0 30 2 * * ?");
        assertThat(j.cronSpec().form()).isEqualTo(CronSpec.Form.UNIX);
        assertThat(j.describe()).contains("Unix 5-field", "\"0 30 2 * * ?\"", "Asia/Tokyo", "command");
        assertThat(CronSpec.parse("cron", "0 9 * * 1-5").quartz()).isEqualTo("0 0 9 ? * 2-6");
        assertThat(CronSpec.parse("cron", "0 9 * * 0,7").quartz()).isEqualTo("0 0 9 ? * 1,1");
        assertThat(CronSpec.parse("cron", "0 0 12 ? * MON-FRI").describe()).contains("(Quartz)");
    }

    @Test
    void theSchedulerZoneIsTheDefaultAndAJobMayOverrideIt() {
        assertThat(parse(job("")).jobs().get(0).timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(parse(job("    timeZone: Europe/Berlin\n")).jobs().get(0).timeZone())
                .isEqualTo("Europe/Berlin");
    }

    @Test
    void anInvalidCronNamesFileLineAndKey() {
        assertThatThrownBy(() -> parse(job("").replace("30 2 * * *", "61 2 * * *")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jobs.yml:5: jobs[0].cron: invalid cron expression");
        assertThatThrownBy(() -> parse(job("").replace("30 2 * * *", "0 0 1 * 1")))
                .hasMessageContaining("jobs[0].cron")
                .hasMessageContaining("either");
    }

    @Test
    void zoneTyposOffsetsAndAbbreviationsAreRefusedHelpfully() {
        assertThatThrownBy(() -> parse(job("    timeZone: America/NewYork\n")))
                .hasMessage(
                        "jobs.yml:9: jobs[0].timeZone: unknown time zone 'America/NewYork'; did you mean America/New_York?");
        assertThatThrownBy(() -> parse(job("    timeZone: UTC+2\n")))
                .hasMessageContaining("jobs[0].timeZone")
                .hasMessageContaining("fixed offset");
        assertThatThrownBy(() -> parse(job("    timeZone: EST\n")))
                .hasMessageContaining("abbreviation")
                .hasMessageContaining("America/New_York");
        assertThatThrownBy(() -> parse(job("").replace("Asia/Tokyo", "Asia/Tokio")))
                .hasMessage("jobs.yml:2: scheduler.timeZone: unknown time zone 'Asia/Tokio'; did you mean Asia/Tokyo?");
        assertThatThrownBy(() -> parse(job("    timeZone: GMT\n"))).hasMessageContaining("fixed offset");
    }

    @Test
    void targetAndValueErrorsNameTheirKeyAndLine() {
        assertThatThrownBy(() -> parse(job("").replace("type: command", "type: lambda")))
                .hasMessageStartingWith("jobs.yml:6: jobs[0].target: ")
                .hasMessageContaining("lambda")
                .hasMessageContaining("[command, ecs-task, http, step-functions]");
        assertThatThrownBy(() -> parse(job("    maxAttempts: 0\n")))
                .hasMessageStartingWith("jobs.yml:9: jobs[0].maxAttempts: ");
        assertThatThrownBy(() -> parse(job("    misfire: later\n")))
                .hasMessageContaining("jobs[0].misfire")
                .hasMessageContaining("fire-once, skip");
        assertThatThrownBy(() -> parse(job("    timeout: 600\n"))).hasMessageContaining("jobs[0].timeout");
        assertThatThrownBy(() -> parse(job("") + job("").substring(job("").indexOf("  - name"))))
                .hasMessageContaining("jobs[1].name")
                .hasMessageContaining("duplicate");
        assertThatThrownBy(
                        () -> parse(
                                """
                jobs:
                  - name: t
                    cron: "0 * * * * ?"
                    target:
                      type: ecs-task
                      cluster: prod
                      taskDefinition: app
                      container: app
                """))
                .hasMessageStartingWith("jobs.yml:4: jobs[0].target.subnets: required");
    }

    @Test
    void defaultsAreSafe() {
        JobConfig j = parse(job("")).jobs().get(0);
        assertThat(j.maxAttempts()).isEqualTo(1);
        assertThat(j.lock()).isEqualTo(JobConfig.LockMode.REQUIRED);
        assertThat(j.misfire()).isEqualTo(JobConfig.Misfire.FIRE_ONCE);
        assertThat(j.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(j.missedRunGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("{}").scheduler().store()).isEqualTo(SchedulerSettings.Store.RAM);
        assertThat(parse("{}").jobs()).isEmpty();
    }

    @Test
    void aLeaseShorterThanThreeRedisRoundTripsIsRefused() {
        assertThatThrownBy(() -> parse(job("    lease: 5s\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jobs.yml:9: jobs[0].lease: must be at least 9s");
        assertThat(parse(job("    lease: 9s\n")).jobs().get(0).lease()).isEqualTo(Duration.ofSeconds(9));
    }
}
