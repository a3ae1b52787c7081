package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.SchedulerSettings;
import dev.cutover.config.SchedulerSettings.JdbcSettings;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class QuartzPropertiesTest {
    @Test
    void jdbcIsAClusteredJobStoreTxOnPostgresWithAcquisitionInsideTheLock() {
        SchedulerSettings s = new SchedulerSettings(
                "UTC",
                SchedulerSettings.Store.JDBC,
                new JdbcSettings("jdbc:postgresql://db/x", "u", null, null),
                3,
                Duration.ofSeconds(30),
                null,
                null,
                null,
                null,
                null);
        Properties p = QuartzProperties.of(s, "host-1", "ds");
        assertThat(p)
                .containsEntry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX")
                .containsEntry(
                        "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate")
                .containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.acquireTriggersWithinLock", "true")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "30000")
                .containsEntry("org.quartz.scheduler.instanceId", "host-1")
                .containsEntry("org.quartz.threadPool.threadCount", "3");
    }

    @Test
    void ramIsTheDefault() {
        assertThat(QuartzProperties.of(SchedulerSettings.defaults(), "x", null))
                .containsEntry("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    }

    @Test
    void theDdlFromTheQuartzJarIsUsedWithoutItsDrops() {
        assertThat(JdbcSchema.statements())
                .isNotEmpty()
                .allMatch(sql -> sql.startsWith("CREATE"))
                .anyMatch(sql -> sql.contains("QRTZ_FIRED_TRIGGERS"));
    }
}
