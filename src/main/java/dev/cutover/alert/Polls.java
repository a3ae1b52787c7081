package dev.cutover.alert;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schedules a poll with a fixed delay, so that a poll that throws is logged and the next one still runs. */
final class Polls {
    private static final Logger log = LoggerFactory.getLogger(Polls.class);

    private Polls() {}

    /** Runs {@code poll} every {@code interval}, the first time at once. */
    static ScheduledFuture<?> every(ScheduledExecutorService timer, Duration interval, String what, Runnable poll) {
        return timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll.run();
                    } catch (RuntimeException e) {
                        // A scheduled task that throws is never run again: keep polling.
                        log.warn("{} poll failed: {}", what, e.toString());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs a chat call; a chat failure is logged, never thrown into the poll. */
    static void quietly(String what, Runnable chatCall) {
        try {
            chatCall.run();
        } catch (RuntimeException e) {
            log.warn("chat call for {} failed: {}", what, e.toString());
        }
    }
}
