package dev.cutover.redis;

import dev.cutover.core.approval.StoreUnavailableException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis failures into the port's {@link StoreUnavailableException}. */
final class RedisFailures {
    private RedisFailures() {}

    /**
     * Runs {@code call}; any Jedis failure (refused, timed out, pool exhausted, error reply) becomes a
     * {@link StoreUnavailableException} naming {@code operation} and the failure's type only: Jedis
     * messages can carry the endpoint, and the callers show this message in chat.
     */
    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisException e) {
            throw new StoreUnavailableException(
                    "Redis failed during " + operation + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** {@link #call} for calls without a result. */
    static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }
}
