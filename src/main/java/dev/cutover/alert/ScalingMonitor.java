package dev.cutover.alert;

import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ScalingHistory;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls ECS services (DescribeServices, 10 a call per cluster) and their scaling activities (from the
 * last one seen) and posts new activities, desired/running count changes and a warning when running
 * stays below desired longer than configured. Like {@link QueueMonitor}, each change is stored with
 * a compare-and-set and posted only by the replica that won it.
 */
public final class ScalingMonitor implements AutoCloseable {
    private final Object pollLock = new Object();

    private static final Logger log = LoggerFactory.getLogger(ScalingMonitor.class);

    private final List<ServiceConfig> services;
    private final ServiceStatus ecs;
    private final ScalingHistory history;
    private final StateStore<ServiceWatchState> store;
    private final ScalingPoster poster;
    private final Clock clock;
    private final AtomicLong failedPolls = new AtomicLong();
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final PollFreshness freshness;

    public ScalingMonitor(
            List<ServiceConfig> services,
            ServiceStatus ecs,
            ScalingHistory history,
            StateStore<ServiceWatchState> store,
            ScalingPoster poster,
            Clock clock) {
        this.services = List.copyOf(services);
        this.ecs = ecs;
        this.history = history;
        this.store = store;
        this.poster = poster;
        this.clock = clock;
        this.freshness = new PollFreshness(clock);
    }

    /** Polls every {@code interval} (the shortest of the services') on {@code timer}. */
    public synchronized void start(ScheduledExecutorService timer) {
        freshness.started();
        services.stream()
                .map(ServiceConfig::pollInterval)
                .min(Duration::compareTo)
                .ifPresent(interval -> scheduled.add(Polls.every(timer, interval, "service", this::pollAll)));
    }

    /** Polls every service once, now: one DescribeServices call per cluster and 10 services. */
    public void pollAll() {
        // One poll at a time: a caller that polls now returns after every post of a concurrent one.
        synchronized (pollLock) {
            pollAllLocked();
        }
    }

    private void pollAllLocked() {
        Map<String, List<ServiceConfig>> byCluster = new LinkedHashMap<>();
        services.forEach(s ->
                byCluster.computeIfAbsent(s.cluster(), k -> new ArrayList<>()).add(s));
        byCluster.forEach((cluster, group) -> {
            Map<String, ServiceCounts> counts;
            try {
                counts = ecs.describe(
                        cluster, group.stream().map(ServiceConfig::service).toList());
            } catch (RuntimeException e) {
                log.warn(
                        "ECS poll of cluster {} failed ({} so far): {}",
                        cluster,
                        failedPolls.incrementAndGet(),
                        e.toString());
                return;
            }
            group.stream().filter(s -> counts.containsKey(s.service())).forEach(s -> {
                freshness.succeeded(s.name());
                observe(s, counts.get(s.service()));
            });
        });
    }

    /** How many polls failed since start. */
    public long failedPolls() {
        return failedPolls.get();
    }

    /**
     * The services whose last successful read is older than three poll intervals (the shortest of
     * the services', which is how often they are all polled); empty before {@link #start}.
     */
    public List<String> overdue() {
        Duration every = services.stream()
                .map(ServiceConfig::pollInterval)
                .min(Duration::compareTo)
                .orElse(Duration.ZERO);
        Map<String, Duration> intervals = new LinkedHashMap<>();
        services.forEach(s -> intervals.put(s.name(), every));
        return freshness.overdue(intervals);
    }

    /** The counts last seen for {@code service} ({@code cluster/service}), if any. */
    public Optional<ServiceCounts> counts(String name) {
        return store.get(name).map(v -> v.state().counts());
    }

    /**
     * Since when {@code name} ({@code cluster/service}) has run below its desired count, once that
     * was warned about; empty otherwise.
     */
    public Optional<Instant> warnedBelowSince(String name) {
        return store.get(name)
                .map(Versioned::state)
                .filter(s -> s.belowWarned() && s.belowSince() != null)
                .map(ServiceWatchState::belowSince);
    }

    /** The configured services. */
    public List<ServiceConfig> services() {
        return services;
    }

    private void observe(ServiceConfig s, ServiceCounts counts) {
        Optional<Versioned<ServiceWatchState>> stored = store.get(s.name());
        ServiceWatchState before = stored.map(Versioned::state).orElse(null);
        List<ScalingActivity> activities;
        try {
            activities = s.scaling()
                    ? history.newerThan(s.resourceId(), before == null ? null : before.lastActivityId())
                    : List.of();
        } catch (RuntimeException e) {
            log.warn("scaling activities of {} failed: {}", s.name(), e.toString());
            activities = List.of();
        }
        ScalingChanges changes = ScalingChanges.of(s, before, counts, activities, clock.instant());
        if (store.compareAndSet(s.name(), stored.map(Versioned::version).orElse(0L), changes.next())) {
            poster.post(s, changes, counts);
        }
    }

    @Override
    public synchronized void close() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    /** For tests: the time now. */
    Instant now() {
        return clock.instant();
    }
}
