package dev.cutover.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 digest, so only the digest travels on each call.
 *
 * <p>The digest is computed here, the way Redis computes it, rather than taken from SCRIPT LOAD:
 * building the adapter then needs no Redis round trip (the bot starts while Redis is down), and a
 * script cache emptied by a restart, a failover or SCRIPT FLUSH is handled the same way as a cold
 * one: EVALSHA answers NOSCRIPT, and EVAL runs the script and caches it for the next EVALSHA.
 * Jedis 8 has no helper for this fallback.
 *
 * @see <a href="https://redis.io/docs/latest/develop/interact/programmability/eval-intro/">Scripting with Lua</a>
 */
public final class RedisScript {
    private final String source;
    private final String sha1;

    /** A script with the Lua {@code source}; keys and arguments are passed per call. */
    public RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /** The script's SHA-1, lower-case hex, as SCRIPT LOAD would return it. */
    public String sha1() {
        return sha1;
    }

    /**
     * Runs the script atomically with {@code keys} as KEYS and {@code args} as ARGV.
     *
     * @return the script's reply in Jedis's mapping: a Long for an integer, a String for a bulk
     *     string, null for Lua false/nil
     */
    public Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(source, keys, args);
        }
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
