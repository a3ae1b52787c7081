package dev.cutover.app;

import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.HomeDashboard;
import dev.cutover.commands.HomeData;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.home.HomeSurface;
import dev.cutover.core.home.HomeViewers;
import dev.cutover.core.home.PublishBudget;
import dev.cutover.jobs.JobPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
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
 * something they see changes ({@link HomeSignals}), on whichever replica it changed. Publishes are
 * coalesced per user ({@link KeyedCoalescer}): at most one per {@code interval} per user, always
 * with the newest state, so a busy minute costs each viewer a few {@code views.publish} calls
 * (Slack allows about 100 a minute per workspace), whatever the number of changes. Everything here
 * runs on its own threads, never on an ack path.
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

    /** The key of the fan-out to every recent viewer among the per-user keys. */
    private static final String EVERYONE = "";

    private final HomeSurface surface;
    private final HomeViewers viewers;
    private final PublishBudget budget;
    /** Users whose next publish answers their own open (or a click's notice): it may use more of the budget. */
    private final Set<String> opens = ConcurrentHashMap.newKeySet();
    /** Users whose publish waits for room in the budget, each on one timer. */
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();

    private final Clock clock;
    private final Duration interval;
    private final ScheduledThreadPoolExecutor threads;
    private final KeyedCoalescer publishes;
    /** A notice stays on the user's Home this long, over every publish meanwhile (one may fail, or be an open). */
    static final Duration NOTICE = Duration.ofMinutes(1);

    private record Notice(String markdown, Instant until) {}

    private final Map<String, Notice> notices = new ConcurrentHashMap<>();
    private final AtomicInteger opening = new AtomicInteger();
    private volatile @Nullable HomeDashboard dashboard;
    private @Nullable HomeData cached;
    private long cachedAt;
    private long generation;
    private long cachedGeneration = -1;

    /** Publishes nothing until {@link #show} gives it the dashboard. */
    HomeWiring(HomePorts ports, Clock clock) {
        this.surface = ports.surface();
        this.viewers = ports.viewers();
        this.budget = ports.budget();
        this.clock = clock;
        this.interval = ports.interval();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(2, Threads.named("cutover-home"));
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        t.setRemoveOnCancelPolicy(true);
        this.threads = t;
        this.publishes = new KeyedCoalescer(threads, this::fire);
    }

    /** From now on the Homes show what {@code d} reads. */
    void show(HomeDashboard d) {
        this.dashboard = d;
    }

    /** {@code notifier}, re-publishing the Homes of recent viewers after each post and edit. */
    Notifier watching(Notifier notifier) {
        return HomeSignals.notifier(notifier, this::changed);
    }

    /** {@code jobs}, re-publishing the Homes of recent viewers when a run starts and when it is recorded. */
    JobPorts watching(JobPorts jobs) {
        return HomeSignals.jobs(jobs, this::changed);
    }

    /**
     * {@code command} (e.g. {@code /cron}, whose pause and resume answer only the user), re-publishing
     * the Homes of recent viewers after each of its follow-ups.
     */
    ChatCommand watching(ChatCommand command) {
        return HomeSignals.command(command, this::changed);
    }

    /**
     * {@code userId} opened their Home: records it in the shared viewers and publishes their Home
     * soon. Returns at once (the store and Slack are called on this Home's threads), so it may be
     * called on an ack path.
     */
    public void opened(String userId) {
        opens.add(userId);
        opening.incrementAndGet();
        try {
            threads.execute(() -> {
                try {
                    viewers.opened(userId, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("Home: cannot record a viewer: {}", e.toString());
                } finally {
                    fresher();
                    publishes.request(userId, ON_OPEN);
                    opening.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            opening.decrementAndGet();
            log.info("Home closing: an open is not published");
        }
    }

    /**
     * Something a Home shows changed: re-publishes, coalesced, the Homes of everyone who opened
     * theirs within {@link #RECENT}. Returns at once.
     */
    public void changed() {
        fresher();
        publishes.request(EVERYONE, FAN_OUT);
    }

    /**
     * Shows {@code markdown} at the top of the Homes published to {@code userId} within {@link
     * #NOTICE} (a click on the Home has no response_url to answer through), and publishes it soon.
     */
    public void notice(String userId, String markdown) {
        notices.put(userId, new Notice(markdown, clock.instant().plus(NOTICE)));
        opens.add(userId);
        publishes.request(userId, ON_OPEN);
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
        Instant now = clock.instant();
        Notice notice = notices.computeIfPresent(userId, (u, n) -> now.isBefore(n.until()) ? n : null);
        surface.publish(userId, d.view(data(d), userId, notice == null ? null : notice.markdown()));
    }

    /** True when no publish is due or running. */
    public boolean idle() {
        return opening.get() == 0 && publishes.idle();
    }

    /**
     * True when no publish is running or due within {@code horizon}; a publish paced for later
     * does not count (the sandbox console waits for work in progress, not for the next paced one).
     */
    public boolean idleWithin(Duration horizon) {
        return opening.get() == 0 && publishes.idleWithin(horizon);
    }

    private void fire(String key) {
        try {
            if (key.equals(EVERYONE)) {
                for (String user : viewers.since(clock.instant().minus(RECENT))) {
                    publishes.request(user, interval);
                }
            } else if (withinBudget(key)) {
                publishNow(key);
            }
        } catch (RuntimeException e) {
            // The next change or open publishes again; a 429 was already waited out by the client.
            log.warn("Home: could not publish: {}", e.toString());
        }
    }

    /**
     * Takes this user's publish from the workspace's budget; when there is no room, publishes it
     * once there is (on a timer of its own, so a deferred publish does not count as due: closing
     * does not wait a minute for it). A budget that cannot be read lets the publish go: Slack's
     * 429 is still honoured by the client.
     */
    private boolean withinBudget(String userId) {
        boolean open = opens.contains(userId);
        Duration wait;
        try {
            wait = budget.take(open, clock.instant());
        } catch (RuntimeException e) {
            log.debug("Home: publish budget unavailable, publishing: {}", e.toString());
            wait = Duration.ZERO;
        }
        if (wait.compareTo(Duration.ZERO) <= 0) {
            opens.remove(userId);
            return true;
        }
        if (deferred.add(userId)) {
            try {
                threads.schedule(
                        () -> {
                            deferred.remove(userId);
                            publishes.request(userId, Duration.ZERO);
                        },
                        wait.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                deferred.remove(userId); // closing
            }
        }
        return false;
    }

    /** Publishes held back so far because the workspace's budget had no room (each user once per wait). */
    public int deferredNow() {
        return deferred.size();
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

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
