package dev.cutover.redis;

import dev.cutover.config.LeaseLimits;
import dev.cutover.config.RedisSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the one pooled Redis client the bot shares, standalone or Redis Cluster, with bounded waits
 * everywhere: Jedis waits forever for a pooled connection by default, which would hang a Slack ack
 * or a scheduler thread behind a dead Redis.
 *
 * <p>{@code rediss://} connects with TLS and checks the server's certificate chain (the JVM's trust
 * store, or the settings' CA file) and its host name; a user and password in the URL are sent
 * with AUTH on every new connection.
 */
public final class RedisConnections {
    /** Connect and socket timeout: a reply not back within this is treated as a failure. */
    public static final Duration DEFAULT_TIMEOUT = LeaseLimits.REDIS_TIMEOUT;
    /** How long a caller waits for a pooled connection before failing. */
    public static final Duration DEFAULT_POOL_WAIT = LeaseLimits.REDIS_POOL_WAIT;
    /**
     * In cluster mode, how long a call may go on following MOVED/ASK redirects (a failover, a slot
     * migration) before failing. Short on purpose: a call then still costs about one pool wait plus
     * one socket timeout, the round trip the lease limits ({@link LeaseLimits}) are computed from.
     */
    public static final Duration CLUSTER_REDIRECT_BUDGET = Duration.ofMillis(250);
    /** Attempts per call in cluster mode: the first plus redirects to the slot's new owner. */
    static final int CLUSTER_ATTEMPTS = 3;

    private RedisConnections() {}

    /** A client for {@code settings} with the default timeouts and 16 connections (per node). */
    public static UnifiedJedis open(RedisSettings settings) {
        return open(settings, DEFAULT_TIMEOUT, DEFAULT_POOL_WAIT, 16);
    }

    /**
     * A client for {@code settings}: a {@link RedisClusterClient} in cluster mode, else a {@link
     * RedisClient}. Neither needs Redis to be up: the cluster client asks its seed node for the slot
     * map at once (bounded by {@code timeout}) and, when nobody answers, on a later call instead.
     *
     * @param timeout connect and socket timeout
     * @param poolWait the longest wait for a free pooled connection
     * @param maxConnections the pool size (per node in cluster mode)
     * @throws IllegalStateException when the settings' CA file cannot be read as PEM certificates
     */
    public static UnifiedJedis open(RedisSettings settings, Duration timeout, Duration poolWait, int maxConnections) {
        URI uri = URI.create(settings.url());
        SSLSocketFactory tls = settings.caFile() == null ? null : RedisTls.trusting(Path.of(settings.caFile()));
        JedisClientConfig clientConfig = clientConfig(uri, tls, timeout);
        if (!settings.cluster()) {
            return standalone(uri, clientConfig, poolWait, maxConnections);
        }
        // Without this, building the client throws when no seed node answers: the bot could not
        // start while Redis is down, which the standalone client allows. Read at construction only.
        System.setProperty(RedisClusterClient.INIT_NO_ERROR_PROPERTY, "true");
        return RedisClusterClient.builder()
                .nodes(Set.of(hostAndPort(uri)))
                .clientConfig(clientConfig)
                .poolConfig(pool(poolWait, maxConnections))
                .maxAttempts(CLUSTER_ATTEMPTS)
                .maxTotalRetriesDuration(CLUSTER_REDIRECT_BUDGET)
                .build();
    }

    /**
     * A standalone client for {@code uri} ({@code redis[s]://[user:password@]host:port[/db]}),
     * trusting the JVM's CAs.
     *
     * @param timeout connect and socket timeout
     * @param poolWait the longest wait for a free pooled connection
     * @param maxConnections the pool size
     */
    public static RedisClient open(URI uri, Duration timeout, Duration poolWait, int maxConnections) {
        return standalone(uri, clientConfig(uri, null, timeout), poolWait, maxConnections);
    }

    private static RedisClient standalone(URI uri, JedisClientConfig config, Duration poolWait, int maxConnections) {
        return RedisClient.builder()
                .hostAndPort(hostAndPort(uri))
                .clientConfig(config)
                .poolConfig(pool(poolWait, maxConnections))
                .build();
    }

    private static JedisClientConfig clientConfig(URI uri, SSLSocketFactory tls, Duration timeout) {
        // No sslParameters: Jedis then turns on host name verification (endpoint identification
        // HTTPS), so a certificate for another name is refused even when its CA is trusted.
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .sslSocketFactory(tls)
                .clientName("cutover")
                .build();
    }

    private static GenericObjectPoolConfig<Connection> pool(Duration poolWait, int maxConnections) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(poolWait);
        pool.setTestWhileIdle(true);
        return pool;
    }

    private static HostAndPort hostAndPort(URI uri) {
        return new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
    }
}
