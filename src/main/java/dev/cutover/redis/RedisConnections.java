package dev.cutover.redis;

import dev.cutover.config.LeaseLimits;
import dev.cutover.config.RedisSettings;
import java.net.URI;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the one pooled Redis client the bot shares, with bounded waits everywhere: Jedis waits
 * forever for a pooled connection by default, which would hang a Slack ack or a scheduler thread
 * behind a dead Redis.
 */
public final class RedisConnections {
    /** Connect and socket timeout: a reply not back within this is treated as a failure. */
    public static final Duration DEFAULT_TIMEOUT = LeaseLimits.REDIS_TIMEOUT;
    /** How long a caller waits for a pooled connection before failing. */
    public static final Duration DEFAULT_POOL_WAIT = LeaseLimits.REDIS_POOL_WAIT;

    private RedisConnections() {}

    /** A client for {@code settings.url()} with the default timeouts. */
    public static RedisClient open(RedisSettings settings) {
        return open(URI.create(settings.url()), DEFAULT_TIMEOUT, DEFAULT_POOL_WAIT, 16);
    }

    /**
     * A client for {@code uri} ({@code redis://[user:password@]host:port[/db]}).
     *
     * @param timeout connect and socket timeout
     * @param poolWait the longest wait for a free pooled connection
     * @param maxConnections the pool size
     */
    public static RedisClient open(URI uri, Duration timeout, Duration poolWait, int maxConnections) {
        JedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("cutover")
                .build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(poolWait);
        pool.setTestWhileIdle(true);
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379))
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }
}
