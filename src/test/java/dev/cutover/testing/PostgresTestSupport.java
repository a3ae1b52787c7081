package dev.cutover.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL of this machine ({@code POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}); never skipped. Each test gets
 * its own schema, so parallel engineers and reruns never collide.
 */
public final class PostgresTestSupport {
    private PostgresTestSupport() {}

    public static String url() {
        String url = System.getenv("POSTGRES_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    public static String user() {
        return "postgres";
    }

    /** A fresh schema name such as {@code qrtz_it_3f2a...}. */
    public static String uniqueSchema() {
        return "qrtz_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static HikariDataSource dataSource(String schema, String poolName) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(url() + "?currentSchema=" + schema);
        h.setUsername(user());
        h.setMaximumPoolSize(6);
        h.setConnectionTimeout(5_000);
        h.setPoolName(poolName);
        return new HikariDataSource(h);
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), null);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public static void dropSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
