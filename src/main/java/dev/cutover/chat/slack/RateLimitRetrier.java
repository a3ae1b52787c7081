package dev.cutover.chat.slack;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call that Slack rate limited (HTTP 429), waiting the {@code Retry-After} seconds Slack asks
 * for, at most {@code maxRetries} times and never longer than {@code maxWait} per wait. Blocks the
 * calling thread while waiting: callers are executor threads, never Bolt's ack path.
 */
final class RateLimitRetrier {
    private static final Logger log = LoggerFactory.getLogger(RateLimitRetrier.class);
    // Slack always sends Retry-After with a 429; one second is its smallest value.
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** Waits; a seam so tests of this class need not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper REAL_SLEEPER = duration -> Thread.sleep(duration.toMillis());

    /** One attempt; throws {@link RateLimited} to ask for a retry. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException, RateLimited;
    }

    /** Signals a 429 with the wait Slack asked for. */
    static final class RateLimited extends Exception {
        final Duration retryAfter;

        RateLimited(Duration retryAfter) {
            super(null, null, false, false); // control flow only: no stack trace needed
            this.retryAfter = retryAfter;
        }
    }

    private final int maxRetries;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private volatile SlackCallListener listener = SlackCallListener.NONE;

    RateLimitRetrier(int maxRetries, Duration maxWait, Sleeper sleeper) {
        if (maxRetries < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxRetries and maxWait must not be negative");
        }
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /** From now on tells {@code l} of every wait after a 429. */
    void listener(SlackCallListener l) {
        this.listener = l;
    }

    /** Parses a {@code Retry-After} header value in seconds; absent or unreadable means one second. */
    static RateLimited rateLimited(String retryAfterHeader) {
        try {
            long seconds = Long.parseLong(retryAfterHeader.trim());
            return new RateLimited(seconds < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds));
        } catch (NullPointerException | NumberFormatException e) {
            return new RateLimited(DEFAULT_RETRY_AFTER);
        }
    }

    <T> T run(String method, Attempt<T> attempt) {
        for (int retries = 0; ; retries++) {
            try {
                return attempt.run();
            } catch (RateLimited e) {
                if (retries >= maxRetries || e.retryAfter.compareTo(maxWait) > 0) {
                    throw new SlackApiCallException(method, SlackApiCallException.RATE_LIMITED, null);
                }
                log.warn(
                        "{} rate limited; retrying in {} s ({}/{})",
                        method,
                        e.retryAfter.toSeconds(),
                        retries + 1,
                        maxRetries);
                listener.rateLimited(method, e.retryAfter);
                pause(method, e.retryAfter);
            } catch (IOException e) {
                throw new SlackApiCallException(method, SlackApiCallException.NETWORK_ERROR, e);
            }
        }
    }

    private void pause(String method, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackApiCallException(method, SlackApiCallException.INTERRUPTED, e);
        }
    }
}
