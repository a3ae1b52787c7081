package dev.cutover.quartz;

import dev.cutover.config.SchedulerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** Quartz configuration properties (Quartz docs, "Configuration Reference") built from the settings. */
final class QuartzProperties {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private QuartzProperties() {}

    static Properties of(SchedulerSettings s, String instanceId, String dataSourceName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "cutover");
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "cutover-job-" + instanceId);
        p.setProperty(
                "org.quartz.jobStore.misfireThreshold",
                Long.toString(s.misfireThreshold().toMillis()));
        if (s.store() == SchedulerSettings.Store.RAM) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // Each replica's scheduler thread acquires the next due trigger under the TRIGGER_ACCESS lock
        // and keeps it until it fires. The replica that has just fired acquires again at once, while
        // the others sleep for idleWaitTime (default 30 s, less a random fifth): with the default,
        // every fire of a job that runs more often than that goes to one replica. Polling more often
        // than the jobs' intervals makes the next fire go to whichever replica polls first.
        p.setProperty(
                "org.quartz.scheduler.idleWaitTime",
                Long.toString(s.pollInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // Without this, two nodes can acquire the same trigger between SELECT and UPDATE and both
        // fire it (Quartz issues on clustered double fires); with it, acquisition runs under the
        // TRIGGER_ACCESS row lock in QRTZ_LOCKS.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Registers {@code ds} with Quartz under a name unique in this JVM and returns the name. */
    static String registerDataSource(DataSource ds, String instanceId) {
        // DBConnectionManager is JVM-wide: a name reused by a later replica would silently take over.
        String name = "cutover-" + instanceId + "-" + SEQ.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return ds.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to the caller, who closes it after stopping the scheduler.
            }

            @Override
            public void initialize() {}
        });
        return name;
    }
}
