package dev.cutover.bench;

import dev.cutover.core.lock.LockSpec;
import dev.cutover.redis.RedisConnections;
import dev.cutover.redis.RedisLockProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * One lock cycle (acquire + release of an uncontended lock; with several threads, one key per
 * thread): the bot's {@link RedisLockProvider}, the raw floor (SET NX PX, then a compare-and-delete
 * by EVALSHA) and Redisson's RLock (tryLock without waiting, unlock).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockBenchmark {
    static final String COMPARE_AND_DELETE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /** The clients, shared by the threads of a run. */
    @State(Scope.Benchmark)
    public static class Clients {
        @Param({"cutover", "raw", "redisson"})
        public String variant;

        RedisClient jedis;
        RedisLockProvider locks;
        RedissonClient redisson;
        String deleteSha;
        final AtomicInteger threads = new AtomicInteger();

        @Setup(Level.Trial)
        public void open() {
            URI uri = URI.create(System.getProperty("bench.redis", "redis://127.0.0.1:6390"));
            jedis = RedisConnections.open(uri, Duration.ofSeconds(2), Duration.ofSeconds(1), 16);
            locks = new RedisLockProvider(jedis, "bench:");
            deleteSha = jedis.scriptLoad(COMPARE_AND_DELETE);
            if (variant.equals("redisson")) {
                Config c = new Config();
                c.useSingleServer().setAddress(uri.toString()).setConnectionMinimumIdleSize(8);
                redisson = Redisson.create(c);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            jedis.close();
            if (redisson != null) {
                redisson.shutdown();
            }
        }
    }

    /** This thread's key. */
    @State(Scope.Thread)
    public static class Key {
        String name;
        LockSpec spec;
        RLock rlock;

        @Setup(Level.Trial)
        public void pick(Clients c) {
            name = "lock-" + c.threads.getAndIncrement();
            spec = new LockSpec(name, Duration.ofSeconds(30));
            if (c.redisson != null) {
                rlock = c.redisson.getLock("bench:redisson:" + name);
            }
        }
    }

    @Benchmark
    public Object cycle(Clients c, Key k) throws InterruptedException {
        switch (c.variant) {
            case "cutover" -> {
                c.locks.tryAcquire(k.spec).orElseThrow().release();
                return k;
            }
            case "raw" -> {
                String token = UUID.randomUUID().toString();
                String key = "bench:raw:" + k.name;
                if (c.jedis.set(key, token, SetParams.setParams().nx().px(30_000)) == null) {
                    throw new IllegalStateException("raw lock busy");
                }
                return c.jedis.evalsha(c.deleteSha, List.of(key), List.of(token));
            }
            default -> {
                if (!k.rlock.tryLock(0, 30_000, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("redisson lock busy");
                }
                k.rlock.unlock();
                return k;
            }
        }
    }
}
