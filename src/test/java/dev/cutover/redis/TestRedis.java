package dev.cutover.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.RedisClient;

/**
 * The Redis that integration tests run against: {@code REDIS_URL}, else {@code
 * redis://127.0.0.1:6379}. A missing Redis fails the test; it is never skipped.
 */
public final class TestRedis {
    public static final URI URL = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));

    private static RedisClient client;

    private TestRedis() {}

    /** The shared client, checked with a PING on first use. */
    public static synchronized RedisClient client() {
        if (client == null) {
            RedisClient c = RedisConnections.open(URL, Duration.ofSeconds(2), Duration.ofSeconds(2), 32);
            try {
                c.ping();
            } catch (RuntimeException e) {
                c.close();
                throw new AssertionError(
                        "integration tests need Redis at " + URL.getHost() + ":" + URL.getPort()
                                + " (set REDIS_URL); it did not answer PING",
                        e);
            }
            client = c;
        }
        return client;
    }

    /** A key prefix no other test uses. */
    public static String newPrefix() {
        return "cutover-test:" + UUID.randomUUID() + ":";
    }

    /** Deletes every key under {@code prefix}. */
    public static void deleteAll(String prefix) {
        Set<String> keys = client().keys(prefix + "*");
        if (!keys.isEmpty()) {
            client().del(keys.toArray(String[]::new));
        }
    }

    /** A client for a port nobody listens on, with 200 ms timeouts; {@code userInfo} may be null. */
    static RedisClient dead(String userInfo) {
        Duration wait = Duration.ofMillis(200);
        String auth = userInfo == null ? "" : userInfo + "@";
        return RedisConnections.open(URI.create("redis://" + auth + "127.0.0.1:" + closedPort()), wait, wait, 2);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }
}
