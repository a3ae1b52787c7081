package dev.cutover.testing;

import dev.cutover.redis.RedisConnections;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import redis.clients.jedis.RedisClient;

/** The real Redis of this machine ({@code REDIS_URL}, default {@code redis://127.0.0.1:6379}); never skipped. */
public final class RedisTestSupport {
    private RedisTestSupport() {}

    public static URI uri() {
        String url = System.getenv("REDIS_URL");
        return URI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url);
    }

    /** A client with short timeouts; fails loudly when Redis is not there. */
    public static RedisClient client() {
        RedisClient c = RedisConnections.open(uri(), Duration.ofMillis(500), Duration.ofMillis(500), 8);
        c.ping();
        return c;
    }

    /** A key prefix unique to one test run, so parallel engineers and reruns never collide. */
    public static String prefix(String testClass) {
        return "test:" + testClass + ":" + UUID.randomUUID() + ":";
    }
}
