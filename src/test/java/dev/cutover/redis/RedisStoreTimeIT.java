package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.PrivateRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Redis's clock is read by the script's digest (EVALSHA), not by sending the script each time; a
 * script cache emptied by SCRIPT FLUSH costs one EVAL. Counted by the server's own command
 * statistics on a private redis-server.
 */
class RedisStoreTimeIT {
    @Test
    void theTimeScriptTravelsByItsDigest() throws Exception {
        try (PrivateRedis server = new PrivateRedis();
                RedisClient client = server.client(Duration.ofSeconds(2));
                Jedis admin = server.admin()) {
            RedisStoreTime time = new RedisStoreTime(client);
            Instant before = Instant.now();
            for (int i = 0; i < 3; i++) {
                assertThat(Duration.between(before, time.now()).abs()).isLessThan(Duration.ofSeconds(2));
            }
            admin.scriptFlush();
            time.now();
            time.now();

            String stats = admin.info("commandstats");
            assertThat(calls(stats, "eval")).as(stats).isEqualTo(2); // the first call, and after the flush
            assertThat(calls(stats, "evalsha")).as(stats).isEqualTo(5);
        }
    }

    private static long calls(String commandStats, String command) {
        Matcher m = Pattern.compile("(?m)^cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
