package dev.cutover.bench;

import dev.cutover.core.lock.LockSpec;
import dev.cutover.redis.RedisConnections;
import dev.cutover.redis.RedisLockProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The lock figures: {@link LockBenchmark} under JMH (one fresh fork per variant and thread count,
 * the variants in rotating order each round), and the Redis server time per cycle from INFO
 * commandstats of the suite's own Redis (reset before each variant).
 */
final class LockBench {
    private final Samples samples;
    private final String redis;
    private final int rounds;

    LockBench(Samples samples, String redis, int rounds) {
        this.samples = samples;
        this.redis = redis;
        this.rounds = rounds;
    }

    void run(Table table) throws Exception {
        List<String> order = new ArrayList<>(List.of("cutover", "raw", "redisson"));
        for (int r = 0; r < rounds; r++) {
            System.out.println("lock round " + (r + 1) + "/" + rounds + ", load " + Samples.load());
            for (String variant : order) {
                for (int threads : new int[] {1, 8}) {
                    jmh(variant, threads);
                }
                serverTime(variant);
            }
            order.add(order.remove(0));
        }
        for (String b : new String[] {"raw", "redisson"}) {
            String name = b.equals("raw") ? "raw Jedis SET NX PX + EVALSHA" : "Redisson 3.50 RLock";
            table.ratio(
                    "lock cycle p50, 1 thread, vs " + name,
                    "cutover.lock.1.p50.us",
                    b + ".lock.1.p50.us",
                    "µs",
                    b.equals("raw") ? 1.1 : Double.NaN);
            table.ratio(
                    "lock cycles/s, 1 thread, vs " + name + " (cutover / baseline; higher is better)",
                    "cutover.lock.1.ops",
                    b + ".lock.1.ops",
                    "/s",
                    Double.NaN);
            table.ratio(
                    "lock cycle p50, 8 threads on 8 keys, vs " + name,
                    "cutover.lock.8.p50.us",
                    b + ".lock.8.p50.us",
                    "µs",
                    Double.NaN);
            table.ratio(
                    "lock cycles/s, 8 threads on 8 keys, vs " + name + " (higher is better)",
                    "cutover.lock.8.ops",
                    b + ".lock.8.ops",
                    "/s",
                    Double.NaN);
            table.ratio(
                    "Redis server time per lock cycle (commandstats usec) vs " + name,
                    "cutover.lock.server.us",
                    b + ".lock.server.us",
                    "µs",
                    b.equals("raw") ? 1.2 : Double.NaN);
            table.ratio(
                    "Redis main-thread CPU per lock cycle (INFO cpu) vs " + name,
                    "cutover.lock.servercpu.us",
                    b + ".lock.servercpu.us",
                    "µs",
                    Double.NaN);
        }
    }

    private void jmh(String variant, int threads) throws Exception {
        Options o = new OptionsBuilder()
                .include(LockBenchmark.class.getName() + ".cycle")
                .param("variant", variant)
                .threads(threads)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Dbench.redis=" + redis, "-Xmx256m")
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        RunResult result = new Runner(o).runSingle();
        var stats = result.getPrimaryResult().getStatistics();
        samples.add(variant + ".lock." + threads + ".p50.us", stats.getPercentile(50));
        samples.add(variant + ".lock." + threads + ".ops", threads * 1e6 / stats.getMean());
    }

    /**
     * Server-side µs per cycle over 5,000 cycles: the usec INFO commandstats gives the commands the
     * client sent (a script's usec includes the commands it calls, which Redis also counts on their
     * own, so those are left out), and the CPU time of Redis's main thread (INFO cpu), which adds
     * the network reads and writes of each round trip.
     */
    private void serverTime(String variant) throws Exception {
        URI uri = URI.create(redis);
        int cycles = 5000;
        try (RedisClient jedis = RedisConnections.open(uri, Duration.ofSeconds(2), Duration.ofSeconds(1), 4)) {
            RedisLockProvider locks = new RedisLockProvider(jedis, "bench:");
            String sha = jedis.scriptLoad(LockBenchmark.COMPARE_AND_DELETE);
            LockSpec spec = new LockSpec("server-time", Duration.ofSeconds(30));
            RedissonClient redisson = null;
            RLock rlock = null;
            if (variant.equals("redisson")) {
                Config c = new Config();
                c.useSingleServer().setAddress(redis);
                redisson = Redisson.create(c);
                rlock = redisson.getLock("bench:redisson:server-time");
            }
            try {
                for (int i = 0; i < 200; i++) {
                    cycle(variant, jedis, locks, spec, sha, rlock); // warm, and the scripts cached
                }
                jedis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
                double cpu0 = mainThreadCpuMicros(jedis.info("cpu"));
                for (int i = 0; i < cycles; i++) {
                    cycle(variant, jedis, locks, spec, sha, rlock);
                }
                double cpu = mainThreadCpuMicros(jedis.info("cpu")) - cpu0;
                String info = jedis.info("commandstats");
                samples.add(variant + ".lock.server.us", usec(info, variant.equals("raw")) / cycles);
                samples.add(variant + ".lock.servercpu.us", cpu / cycles);
            } finally {
                if (redisson != null) {
                    redisson.shutdown();
                }
            }
        }
    }

    private static double mainThreadCpuMicros(String info) {
        double seconds = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_sys_main_thread:") || line.startsWith("used_cpu_user_main_thread:")) {
                seconds +=
                        Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds * 1e6;
    }

    private static void cycle(
            String variant, RedisClient jedis, RedisLockProvider locks, LockSpec spec, String sha, RLock rlock)
            throws InterruptedException {
        switch (variant) {
            case "cutover" -> locks.tryAcquire(spec).orElseThrow().release();
            case "raw" -> {
                String token = UUID.randomUUID().toString();
                jedis.set(
                        "bench:raw:server-time",
                        token,
                        SetParams.setParams().nx().px(30_000));
                jedis.evalsha(sha, List.of("bench:raw:server-time"), List.of(token));
            }
            default -> {
                rlock.tryLock(0, 30_000, TimeUnit.MILLISECONDS);
                rlock.unlock();
            }
        }
    }

    /**
     * usec of the commands a client sends: EVAL and EVALSHA (Redisson and the bot send nothing
     * else), and SET for the raw floor, whose SET is sent directly (its script only GETs and DELs).
     */
    static double usec(String commandstats, boolean withSet) {
        double total = 0;
        for (String line : commandstats.split("\r?\n")) {
            boolean sent = line.startsWith("cmdstat_eval:")
                    || line.startsWith("cmdstat_evalsha:")
                    || (withSet && line.startsWith("cmdstat_set:"));
            if (!sent) {
                continue;
            }
            for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                if (field.startsWith("usec=")) {
                    total += Double.parseDouble(field.substring(5));
                }
            }
        }
        return total;
    }
}
