package dev.cutover.alert;

import dev.cutover.core.alert.AlertMachine;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.AlertTransition;
import dev.cutover.core.alert.Incident;
import dev.cutover.core.alert.QueueMetrics;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured queues and posts their alerts on state change only.
 *
 * <p>Queues with the same poll interval are read together in one {@link QueueMetrics} call per poll.
 * Each reading is applied to the queue's shared state with a compare-and-set; only the replica whose
 * set wins posts what changed, so with several replicas each change is posted once (a reading
 * another replica already counted is STALE and changes nothing). A failed poll is logged and
 * counted; it breaks a streak and never marks a queue as recovered.
 */
public final class QueueMonitor implements AutoCloseable {
    private final Object pollLock = new Object();

    private static final Logger log = LoggerFactory.getLogger(QueueMonitor.class);
    private static final int CAS_ATTEMPTS = 3;

    private final List<WatchedQueue> queues;
    private final QueueMetrics metrics;
    private final StateStore<AlertState> store;
    private final QueueAlertPoster poster;
    private final Clock clock;
    private final AtomicLong failedPolls = new AtomicLong();
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final PollFreshness freshness;

    public QueueMonitor(
            List<WatchedQueue> queues,
            QueueMetrics metrics,
            StateStore<AlertState> store,
            QueueAlertPoster poster,
            Clock clock) {
        this.queues = List.copyOf(queues);
        this.metrics = metrics;
        this.store = store;
        this.poster = poster;
        this.clock = clock;
        this.freshness = new PollFreshness(clock);
    }

    /** Starts one poll per distinct poll interval on {@code timer}. */
    public synchronized void start(ScheduledExecutorService timer) {
        freshness.started();
        Map<Duration, List<WatchedQueue>> byInterval = new TreeMap<>();
        queues.forEach(q -> byInterval
                .computeIfAbsent(q.config().pollInterval(), k -> new ArrayList<>())
                .add(q));
        byInterval.forEach(
                (interval, group) -> scheduled.add(Polls.every(timer, interval, "queue", () -> poll(group))));
    }

    /** Polls every queue once, now. */
    public void pollAll() {
        poll(queues);
    }

    /**
     * Polls {@code group} with one metrics read. Polls of this monitor run one at a time, so a
     * caller that polls now (the sandbox console) returns after every post a concurrent
     * scheduled poll makes.
     */
    void poll(List<WatchedQueue> group) {
        synchronized (pollLock) {
            pollLocked(group);
        }
    }

    private void pollLocked(List<WatchedQueue> group) {
        Map<String, QueueSample> samples;
        try {
            samples = metrics.read(group.stream().map(WatchedQueue::name).toList(), clock.instant());
        } catch (RuntimeException e) {
            long n = failedPolls.incrementAndGet();
            log.warn("queue poll failed ({} failed so far): {}", n, e.toString());
            group.forEach(this::markFailed);
            return;
        }
        for (WatchedQueue q : group) {
            QueueSample s = samples.get(q.name());
            if (s == null) {
                markFailed(q);
            } else {
                freshness.succeeded(q.name());
                apply(q, s);
            }
        }
    }

    /** How many polls failed since start. */
    public long failedPolls() {
        return failedPolls.get();
    }

    /**
     * The queues whose last successful read is older than three of their poll intervals (counted
     * from {@link #start} before the first), as {@code name (last read N s ago, ...)}; empty before
     * the start.
     */
    public List<String> overdue() {
        Map<String, Duration> intervals = new LinkedHashMap<>();
        queues.forEach(q -> intervals.put(q.name(), q.config().pollInterval()));
        return freshness.overdue(intervals);
    }

    /** The shared state of {@code queue}, if it was ever read. */
    public Optional<AlertState> state(String queue) {
        return store.get(queue).map(Versioned::state);
    }

    /** The configured queues. */
    public List<WatchedQueue> queues() {
        return queues;
    }

    /** Applies one reading; the replica whose compare-and-set wins posts the change. */
    void apply(WatchedQueue q, QueueSample sample) {
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Optional<Versioned<AlertState>> stored = store.get(q.name());
            long version = stored.map(Versioned::version).orElse(0L);
            AlertTransition t =
                    AlertMachine.next(q.rule(), stored.map(Versioned::state).orElse(AlertState.initial()), sample);
            if (t.change() == AlertTransition.Change.STALE) {
                return;
            }
            if (store.compareAndSet(q.name(), version, t.next())) {
                poster.show(q, t).ifPresent(posted -> attach(q, posted));
                return;
            }
        }
        log.debug("queue {}: lost the compare-and-set {} times; another replica is applying", q.name(), CAS_ATTEMPTS);
    }

    private void attach(WatchedQueue q, Incident posted) {
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Optional<Versioned<AlertState>> stored = store.get(q.name());
            if (stored.isEmpty()
                    || stored.get().state().incident() == null
                    || !stored.get().state().incident().since().equals(posted.since())) {
                return;
            }
            AlertState s = stored.get().state();
            AlertState next = s.withIncident(s.incident().postedAt(posted.message(), posted.thread()));
            if (store.compareAndSet(q.name(), stored.get().version(), next)) {
                return;
            }
        }
    }

    private void markFailed(WatchedQueue q) {
        try {
            store.get(q.name())
                    .filter(v -> v.state().pending() != null)
                    .ifPresent(v -> store.compareAndSet(q.name(), v.version(), AlertMachine.failed(v.state())));
        } catch (RuntimeException e) {
            log.warn("queue {}: could not record the failed poll: {}", q.name(), e.toString());
        }
    }

    /** Stops polling. */
    @Override
    public synchronized void close() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }
}
