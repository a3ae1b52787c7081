package dev.cutover.app;

import dev.cutover.commands.HomeDashboard;
import dev.cutover.commands.HomeData;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.home.HomeSurface;
import dev.cutover.core.home.HomeViewers;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.jobs.JobPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home: publishes a user's Home when they open it, and re-publishes the Homes of everyone
 * who opened theirs in the last hour ({@link #RECENT}, kept in the shared {@link HomeViewers}) when
 * something they see changes. Publishes are coalesced per user: at most one per {@code interval}
 * per user, always with the newest state, so a busy minute costs each viewer a few {@code
 * views.publish} calls (Slack allows about 100 a minute per workspace), whatever the number of
 * changes. Everything here runs on its own threads, never on an ack path.
 *
 * <p>A change is any post or edit of a channel message ({@link #watching}): requests, shifts,
 * watches, incidents and job alerts all show their state changes that way, on whichever replica
 * made them.
 */
public final class HomeWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HomeWiring.class);

    /** Whose Homes are re-published: those opened within this long. */
    public static final Duration RECENT = Duration.ofHours(1);

    /** The least time between two publishes of one user's Home on open (Slack retries an event). */
    static final Duration ON_OPEN = Duration.ofSeconds(1);

    /** How long one read of everything serves the views of several users. */
    static final Duration FRESH = Duration.ofSeconds(2);

    /**
     * The least time between two reads of the recent viewers after changes: a burst of changes is
     * one read; each viewer's own publishes are then spaced by the interval.
     */
    static final Duration FAN_OUT = Duration.ofMillis(250);

    /** The key of the fan-out to every recent viewer among the per-user slots. */
    private static final String EVERYONE = "";

    private final HomeSurface surface;
    private final HomeViewers viewers;
    private final Clock clock;
    private final long intervalNanos;
    private final ScheduledThreadPoolExecutor threads;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, String> notices = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile @Nullable HomeDashboard dashboard;
    private @Nullable HomeData cached;
    private long cachedAt;
    private long generation;
    private long cachedGeneration = -1;

    /** Per user: whether a publish is scheduled, and when the last one started. Guarded by itself. */
    private static final class Slot {
        boolean scheduled;
        long lastNanos;
        boolean ever;
    }

    /** Publishes nothing until {@link #show} gives it the dashboard. */
    HomeWiring(HomePorts ports, Clock clock) {
        this.surface = ports.surface();
        this.viewers = ports.viewers();
        this.clock = clock;
        this.intervalNanos = ports.interval().toNanos();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(2, Threads.named("cutover-home"));
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.threads = t;
    }

    /** From now on the Homes show what {@code d} reads. */
    void show(HomeDashboard d) {
        this.dashboard = d;
    }

    /**
     * {@code notifier}, telling this Home of every post and edit it makes (after it was made), so
     * the Homes of recent viewers are re-published.
     */
    Notifier watching(Notifier notifier) {
        return new Notifier() {
            @Override
            public MessageRef post(String channel, Message message) {
                MessageRef ref = notifier.post(channel, message);
                changed();
                return ref;
            }

            @Override
            public MessageRef reply(MessageRef parent, Message message) {
                MessageRef ref = notifier.reply(parent, message);
                changed();
                return ref;
            }

            @Override
            public void update(MessageRef ref, Message message) {
                notifier.update(ref, message);
                changed();
            }

            @Override
            public Optional<MessageRef> find(String channel, Instant since, String marker) {
                return notifier.find(channel, since, marker);
            }
        };
    }

    /**
     * {@code jobs}, telling this Home when a run takes its job's lock (it shows as running) and when a
     * run is recorded (its result shows as the last one).
     */
    JobPorts watching(JobPorts jobs) {
        LockProvider locks = jobs.locks();
        JobHistory history = jobs.history();
        LockProvider watchedLocks = new LockProvider() {
            @Override
            public Optional<Lease> tryAcquire(LockSpec spec) {
                Optional<Lease> lease = locks.tryAcquire(spec);
                lease.ifPresent(l -> changed());
                return lease;
            }

            @Override
            public Optional<LockHolder> holder(String name) {
                return locks.holder(name);
            }
        };
        JobHistory watchedHistory = new JobHistory() {
            @Override
            public void record(RunRecord run) {
                history.record(run);
                changed();
            }

            @Override
            public List<RunRecord> recent(String job, int limit) {
                return history.recent(job, limit);
            }
        };
        return new JobPorts(watchedLocks, jobs.claims(), watchedHistory, jobs.targets(), jobs.storeTime());
    }

    /**
     * {@code userId} opened their Home: records it in the shared viewers and publishes their Home
     * soon. Returns at once (the store and Slack are called on this Home's threads), so it may be
     * called on an ack path.
     */
    public void opened(String userId) {
        run(() -> {
            try {
                viewers.opened(userId, clock.instant());
            } catch (RuntimeException e) {
                log.warn("Home: cannot record a viewer: {}", e.toString());
            }
            fresher();
            schedule(userId, ON_OPEN.toNanos());
        });
    }

    /**
     * Something a Home shows changed: re-publishes, coalesced, the Homes of everyone who opened
     * theirs within {@link #RECENT}. Returns at once.
     */
    public void changed() {
        fresher();
        schedule(EVERYONE, FAN_OUT.toNanos());
    }

    /**
     * Shows {@code markdown} at the top of the next Home published to {@code userId} (a click on the
     * Home has no response_url to answer through), and publishes it soon.
     */
    public void notice(String userId, String markdown) {
        notices.put(userId, markdown);
        schedule(userId, ON_OPEN.toNanos());
    }

    /**
     * Reads and publishes the Home of {@code userId} now, on the calling thread.
     *
     * @throws RuntimeException when it cannot be published (the chat service's error)
     */
    public void publishNow(String userId) {
        HomeDashboard d = dashboard;
        if (d == null) {
            return;
        }
        String notice = notices.remove(userId);
        surface.publish(userId, d.view(data(d), userId, notice));
    }

    /** True when no publish is scheduled or running. */
    public boolean idle() {
        if (busy.get() > 0) {
            return false;
        }
        for (Slot s : slots.values()) {
            synchronized (s) {
                if (s.scheduled) {
                    return false;
                }
            }
        }
        return true;
    }

    private synchronized void fresher() {
        generation++;
    }

    /** One read serves every view published within {@link #FRESH} of it, unless something changed since. */
    private synchronized HomeData data(HomeDashboard d) {
        long now = System.nanoTime();
        if (cached == null || cachedGeneration != generation || now - cachedAt > FRESH.toNanos()) {
            cached = d.read();
            cachedAt = now;
            cachedGeneration = generation;
        }
        return cached;
    }

    /** Schedules the publish of {@code key}'s Home (or the fan-out) unless one is already due. */
    private void schedule(String key, long gapNanos) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (slot.scheduled) {
                return;
            }
            long delay = slot.ever ? slot.lastNanos + gapNanos - System.nanoTime() : 0;
            slot.scheduled = true;
            try {
                threads.schedule(() -> fire(key, slot), Math.max(0, delay), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                slot.scheduled = false; // closing
            }
        }
    }

    private void fire(String key, Slot slot) {
        busy.incrementAndGet();
        try {
            synchronized (slot) {
                slot.scheduled = false;
                slot.lastNanos = System.nanoTime();
                slot.ever = true;
            }
            if (key.equals(EVERYONE)) {
                for (String user : viewers.since(clock.instant().minus(RECENT))) {
                    schedule(user, intervalNanos);
                }
            } else {
                publishNow(key);
            }
        } catch (RuntimeException e) {
            // The next change or open publishes again; a 429 was already waited out by the client.
            log.warn("Home: could not publish: {}", e.toString());
        } finally {
            busy.decrementAndGet();
        }
    }

    private void run(Runnable task) {
        busy.incrementAndGet();
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            busy.decrementAndGet();
            log.info("Home closing: an open is not published");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
