package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code scheduler:} section: how scheduled jobs are stored and run.
 *
 * @param timeZone the default zone of every job: a region ID such as {@code Asia/Tokyo}, or
 *     {@code UTC} (default)
 * @param store {@code ram} (default; one instance, schedule rebuilt from config at start) or
 *     {@code jdbc} (Quartz's clustered JDBC JobStore on PostgreSQL, shared by every replica)
 * @param jdbc the PostgreSQL connection, required with {@code store: jdbc}
 * @param threads worker threads, i.e. jobs that can run at the same time on one instance (default 4)
 * @param misfireThreshold how late a fire may be before Quartz treats it as misfired (default 60s)
 * @param shutdownTimeout how long a stop waits for running attempts: at least 5 s less than {@code
 *     shutdown.grace} when given; by default 15 s, or {@code shutdown.grace} less 5 s when that is
 *     shorter (at least 100 ms)
 * @param missedRunGrace default time after a scheduled fire by which a run must have started, else a
 *     missed-run alert is posted (default 5m)
 * @param historyLimit runs kept per job (default 50)
 * @param channel the default Slack channel ID for job notices, or null
 * @param pollInterval with {@code store: jdbc}, how often an idle replica looks for due triggers
 *     (Quartz's {@code idleWaitTime}, randomised by up to a fifth; default 5s, at least 1s). Kept
 *     well below the jobs' intervals, it lets every replica take fires: a replica that has just fired
 *     otherwise acquires the next trigger before the others wake up.
 */
public record SchedulerSettings(
        String timeZone,
        Store store,
        JdbcSettings jdbc,
        Integer threads,
        Duration misfireThreshold,
        Duration shutdownTimeout,
        Duration missedRunGrace,
        Integer historyLimit,
        String channel,
        Duration pollInterval) {

    /** Where Quartz keeps triggers. */
    public enum Store {
        @JsonProperty("ram")
        RAM,
        @JsonProperty("jdbc")
        JDBC
    }

    /**
     * The PostgreSQL database of the clustered JobStore.
     *
     * @param url {@code jdbc:postgresql://host:5432/db}
     * @param user the user
     * @param password the password, or null
     * @param schema the schema holding the {@code qrtz_*} tables, created on first start (default
     *     {@code public})
     */
    public record JdbcSettings(String url, String user, String password, String schema) {
        public JdbcSettings {
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw ConfigException.invalid(
                        "url", "required; a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/cutover");
            }
            schema = schema == null || schema.isBlank() ? "public" : schema.strip();
            if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw ConfigException.invalid("schema", "lower-case letters, digits and underscores");
            }
        }

        @Override
        public String toString() {
            return "JdbcSettings[url=" + url + ", user=" + user + ", schema=" + schema + "]";
        }
    }

    public SchedulerSettings {
        timeZone =
                ZoneIds.parse("timeZone", timeZone == null ? "UTC" : timeZone).getId();
        store = store == null ? Store.RAM : store;
        if (store == Store.JDBC && jdbc == null) {
            throw ConfigException.invalid("jdbc", "required with store: jdbc (url, user, password, schema)");
        }
        threads = threads == null ? 4 : threads;
        if (threads < 1 || threads > 50) {
            throw ConfigException.invalid("threads", "must be 1 to 50");
        }
        misfireThreshold = positive("misfireThreshold", misfireThreshold, Duration.ofSeconds(60));
        // Left null when not given: the default depends on shutdown.grace (see within).
        shutdownTimeout = shutdownTimeout == null ? null : positive("shutdownTimeout", shutdownTimeout, null);
        missedRunGrace = positive("missedRunGrace", missedRunGrace, Duration.ofMinutes(5));
        historyLimit = historyLimit == null ? 50 : historyLimit;
        if (historyLimit < 1 || historyLimit > 1000) {
            throw ConfigException.invalid("historyLimit", "must be 1 to 1000");
        }
        channel = JobConfig.channel("channel", channel);
        pollInterval = positive("pollInterval", pollInterval, Duration.ofSeconds(5));
        if (pollInterval.toMillis() < 1000) {
            throw ConfigException.invalid(
                    "pollInterval", "must be at least 1s (Quartz's minimum; each poll queries the database)");
        }
    }

    /** {@code shutdownTimeout}'s default with the default {@code shutdown.grace}. */
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

    /** How long a stop waits for running attempts; see {@link #within} for the default. */
    @Override
    public Duration shutdownTimeout() {
        return shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout;
    }

    /** True when the config gave {@code shutdownTimeout} itself. */
    boolean shutdownTimeoutGiven() {
        return shutdownTimeout != null;
    }

    /**
     * These settings with the shutdown timeout fitted into {@code grace}: when the config leaves it
     * open, 15 s or {@code grace} less 5 s, whichever is shorter (at least 100 ms), so a short grace
     * needs no second setting.
     */
    SchedulerSettings within(Duration grace) {
        if (shutdownTimeout != null) {
            return this;
        }
        Duration fitted = grace.minusSeconds(5);
        if (fitted.compareTo(DEFAULT_SHUTDOWN_TIMEOUT) > 0) {
            fitted = DEFAULT_SHUTDOWN_TIMEOUT;
        }
        if (fitted.compareTo(Duration.ofMillis(100)) < 0) {
            fitted = Duration.ofMillis(100);
        }
        return new SchedulerSettings(
                timeZone,
                store,
                jdbc,
                threads,
                misfireThreshold,
                fitted,
                missedRunGrace,
                historyLimit,
                channel,
                pollInterval);
    }

    /** Settings with every default, for a config without a {@code scheduler:} section. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code job} with this section's defaults filled in where the job leaves them open. */
    JobConfig applyTo(JobConfig job) {
        return job.withDefaults(this);
    }

    /** {@link #timeZone()} as a zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    static Duration positive(String key, Duration value, Duration dflt) {
        if (value == null) {
            return dflt;
        }
        if (value.isZero() || value.isNegative()) {
            throw ConfigException.invalid(key, "must be a positive duration such as 500ms, 90s, 10m");
        }
        return value;
    }
}
