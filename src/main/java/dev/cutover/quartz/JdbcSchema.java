package dev.cutover.quartz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.quartz.SchedulerException;

/**
 * Creates Quartz's tables on first start, from the PostgreSQL DDL shipped in the Quartz jar
 * ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}), without its {@code DROP TABLE}s. Replicas
 * starting together serialise on a PostgreSQL advisory lock, so only one creates them.
 */
final class JdbcSchema {
    private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private JdbcSchema() {}

    /**
     * Ensures {@code schema} exists and holds the {@code qrtz_*} tables.
     *
     * @return true when the tables were created by this call
     */
    static boolean ensure(DataSource ds, String schema) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('cutover-quartz-ddl:" + schema + "'))");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                boolean created = !exists(c, schema);
                if (created) {
                    st.execute("SET LOCAL search_path TO " + schema);
                    for (String sql : statements()) {
                        st.execute(sql);
                    }
                }
                c.commit();
                return created;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Work that talks to Quartz while a cross-replica lock is held. */
    interface Locked<T> {
        T run() throws SchedulerException;
    }

    /**
     * Runs {@code work} under the PostgreSQL session advisory lock named {@code name}, so replicas
     * starting together run it one after the other: trigger sync is check-then-add over several
     * Quartz transactions, and two replicas interleaving it fail with "already exists".
     *
     * @throws SchedulerException from {@code work}, or when the lock cannot be taken
     */
    static <T> T serialised(DataSource ds, String name, Locked<T> work) throws SchedulerException {
        try (Connection c = ds.getConnection();
                PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))");
                PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            lock.setString(1, name);
            lock.execute();
            try {
                return work.run();
            } finally {
                unlock.setString(1, name);
                unlock.execute();
            }
        } catch (SQLException e) {
            throw new SchedulerException("cannot serialise " + name + " in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'qrtz_triggers'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The CREATE statements of Quartz's DDL, comments and DROPs and its COMMIT removed. */
    static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (String sql : read().replaceAll("(?m)^--.*$", "").split(";")) {
            String s = sql.strip();
            if (s.regionMatches(true, 0, "CREATE", 0, 6)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String read() {
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is missing from the Quartz jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
