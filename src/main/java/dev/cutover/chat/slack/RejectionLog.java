package dev.cutover.chat.slack;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused HTTP requests as one bounded line each (reason, remote address, path, body size;
 * never the body), at most one line per reason per {@link #WINDOW_NANOS} nanoseconds: a flood of
 * unsigned posts cannot fill the log. The rejections left out are counted and the count is written
 * with the next line logged for that reason. Thread safe.
 */
final class RejectionLog {
    /** One line per reason per second. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);

    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param nanoTime a monotonic clock in nanoseconds, e.g. {@code System::nanoTime} */
    RejectionLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Records one refused request and logs it unless a line for {@code reason} was written less than
     * a second ago.
     *
     * @param reason a fixed, code-written reason such as {@code "bad signature"}
     * @param remote the peer's IP address, or null
     * @param path the request path
     * @param bytes the body size in bytes, or -1 when unknown
     */
    void rejected(String reason, String remote, String path, long bytes) {
        long suppressed = windows.computeIfAbsent(reason, r -> new Window()).admit(nanoTime.getAsLong());
        if (suppressed >= 0) {
            log.warn(
                    "Rejected a Slack request: {} from {} to {} ({} bytes; {} more rejected for this reason"
                            + " since the last line)",
                    reason,
                    remote,
                    path,
                    bytes,
                    suppressed);
        }
    }

    private static final class Window {
        private long lastLogged;
        private boolean any;
        private long suppressed;

        /** The count suppressed since the last line when this one is to be logged, else -1. */
        synchronized long admit(long now) {
            if (any && now - lastLogged < WINDOW_NANOS) {
                suppressed++;
                return -1;
            }
            any = true;
            lastLogged = now;
            long count = suppressed;
            suppressed = 0;
            return count;
        }
    }
}
