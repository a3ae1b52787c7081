package dev.cutover.alert;

import dev.cutover.core.alert.AlarmChange;
import dev.cutover.core.alert.AlarmInbox;
import dev.cutover.reply.Mrkdwn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alarm state changes from the alarm queue on a thread of its own, on every replica: long
 * polls, hands each message to the {@link AlarmMonitor}, and deletes it once handled. A message
 * that cannot be read is logged in one bounded line (its id and what is wrong, never its body) and
 * left in the queue: it comes back after the visibility timeout, and SQS's redrive policy moves it
 * to the dead-letter queue after {@code maxReceiveCount} receives. A failed receive (after the
 * client's own retries) pauses the loop, doubling from {@value #FIRST_PAUSE_MS} ms up to {@link
 * #MAX_PAUSE}, so an unreachable queue is not hammered. {@link #close} stops it without waiting.
 */
public final class AlarmConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlarmConsumer.class);
    static final long FIRST_PAUSE_MS = 1_000;
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** The longest a healthy reader goes between successful receives: a 20 s long poll, and some. */
    static final Duration READ_INTERVAL = Duration.ofSeconds(30);
    /** How far ahead of this replica's clock a state change time may be (clock skew), in minutes. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final AlarmInbox inbox;
    private final String queueUrl;
    private final AlarmMonitor monitor;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong failedReceives = new AtomicLong();
    private final Duration firstPause;
    private final PollFreshness freshness;
    private final Clock clock;
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    /** @param queueUrl the alarm queue's URL */
    public AlarmConsumer(AlarmInbox inbox, String queueUrl, AlarmMonitor monitor) {
        this(inbox, queueUrl, monitor, Duration.ofMillis(FIRST_PAUSE_MS));
    }

    /** As above, with the first pause after a failed receive (tests shorten it). */
    public AlarmConsumer(AlarmInbox inbox, String queueUrl, AlarmMonitor monitor, Duration firstPause) {
        this(inbox, queueUrl, monitor, firstPause, Clock.systemUTC());
    }

    /** As above, with the clock that dates successful receives (for {@link #overdue()}). */
    public AlarmConsumer(AlarmInbox inbox, String queueUrl, AlarmMonitor monitor, Duration firstPause, Clock clock) {
        this.inbox = inbox;
        this.queueUrl = queueUrl;
        this.monitor = monitor;
        this.firstPause = firstPause;
        this.freshness = new PollFreshness(clock);
        this.clock = clock;
    }

    /**
     * {@code alarm queue (last read N s ago, ...)} when no receive succeeded for three times {@link
     * #READ_INTERVAL} (a long poll lasts up to 20 s), counted from {@link #start}; empty before it.
     */
    public List<String> overdue() {
        return freshness.overdue(Map.of("alarm queue", READ_INTERVAL));
    }

    /** Starts the reading thread (once). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        freshness.started();
        Thread t = new Thread(this::run, "cutover-alarms");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** True while the reading thread runs. */
    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Messages handled and deleted so far. */
    public long handled() {
        return handled.get();
    }

    /** Messages left in the queue for their next delivery because another replica was posting their incident. */
    public long kept() {
        return kept.get();
    }

    /** Messages left in the queue because they could not be read. */
    public long malformed() {
        return malformed.get();
    }

    /** Receives that failed (after the client's retries). */
    public long failedReceives() {
        return failedReceives.get();
    }

    private void run() {
        try {
            if (!inbox.hasDeadLetterQueue(queueUrl)) {
                log.warn("the alarm queue has no redrive policy: a message that cannot be read comes back"
                        + " for its retention period instead of moving to a dead-letter queue");
            }
        } catch (RuntimeException e) {
            log.warn("could not read the alarm queue's redrive policy: {}", e.toString());
        }
        long pause = firstPause.toMillis();
        while (running) {
            List<AlarmInbox.Received> batch;
            try {
                batch = inbox.receive(queueUrl);
                freshness.succeeded("alarm queue");
                pause = firstPause.toMillis();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                long n = failedReceives.incrementAndGet();
                log.warn("alarm queue receive failed ({} so far), next try in {} ms: {}", n, pause, e.toString());
                if (!pause(pause)) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE.toMillis());
                continue;
            }
            for (AlarmInbox.Received m : batch) {
                if (!running) {
                    // Stopping: left in the queue, back after its visibility timeout.
                    return;
                }
                handle(m);
            }
        }
    }

    /**
     * Handles one message; deletes it only when it was handled. Never throws: whatever goes wrong
     * with one message leaves it in the queue and the reader goes on with the next.
     */
    void handle(AlarmInbox.Received m) {
        String id = Mrkdwn.cut(String.valueOf(m.id()), 100);
        Optional<AlarmChange> change;
        try {
            change = AlarmEvents.parse(m.body());
            if (change.isPresent() && change.get().at().isAfter(clock.instant().plus(FUTURE_SKEW))) {
                // A change dated ahead would overtake every real one until then: refuse it.
                throw new AlarmEvents.Malformed("the state change time is more than " + FUTURE_SKEW.toMinutes()
                        + " min ahead of this replica's clock");
            }
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
            String problem = e instanceof AlarmEvents.Malformed
                    ? e.getMessage()
                    : "unreadable: " + e.getClass().getSimpleName();
            log.warn(
                    "alarm message {} is not a readable alarm event ({}); left for the dead-letter queue", id, problem);
            return;
        }
        try {
            change.ifPresent(monitor::handle);
            inbox.delete(queueUrl, m.receipt());
            handled.incrementAndGet();
        } catch (AlarmMonitor.PostPending e) {
            kept.incrementAndGet();
            log.debug("alarm message {} kept for its next delivery: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("alarm message {} not handled, it comes back after its visibility timeout: {}", id, e.toString());
        }
    }

    private boolean pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops reading without waiting: a receive in flight (a long poll of up to 20 s, which the
     * blocking HTTP client does not give up on an interrupt) ends on its own, and what it brings is
     * not handled nor deleted, so it comes back after its visibility timeout for another replica
     * (or this one's next start). The thread is a daemon: it never holds up the shutdown.
     */
    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Waits up to {@code timeout} for the reading thread to end after {@link #close}; true when it did. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(Math.max(1, timeout.toMillis()));
        }
        return !running();
    }
}
