package dev.cutover.alert;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.swap.SwapListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the new side of each applied swap for {@code alerts.cutover.window}: the ALB target group's
 * 5XX error rate and p95 response time and the ECS running count, in one message updated in place.
 * A crossed threshold is replied in its thread with a Roll back button (action id {@value
 * #ROLLBACK_ACTION_ID}, handled by the chat commands). At the end of the window it says the cutover
 * looks healthy, but not before Route 53 reported INSYNC and the old records' TTL (60 s for an alias
 * to a load balancer) has passed since, because resolvers may serve the old side until then. While a watch is open, its message's thread is where
 * alerts about the pair's queues and services go ({@link CutoverThreads}).
 */
public final class CutoverWatch implements SwapListener, CutoverThreads, AutoCloseable {
    /** The action id of the Roll back button; its value is the pair's name. */
    public static final String ROLLBACK_ACTION_ID = "cutover.rollback";

    private static final Logger log = LoggerFactory.getLogger(CutoverWatch.class);

    private final CutoverWatchSettings settings;
    private final TargetGroupTraffic traffic;
    private final ServiceStatus ecs;
    private final DnsRecords dns;
    private final Notifier notifier;
    private final Function<AppliedSwap, Optional<String>> channelOf;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService blocking;
    private final Map<String, CutoverWatchRun> open = new ConcurrentHashMap<>();
    private @Nullable StateStore<SharedThread> shared;

    /**
     * An open watch as every replica sees it: its message and until when it runs.
     *
     * @param channel the watch message's channel
     * @param ts the watch message's ts
     * @param until when the watch ends at the latest
     */
    public record SharedThread(String channel, String ts, Instant until) {}

    /**
     * @param traffic the new side's target group traffic
     * @param ecs the new side's ECS service counts
     * @param dns where to wait for the applied change to be INSYNC
     * @param channelOf the channel to watch a swap in (the request's, else the default alert channel)
     * @param timer runs the polls
     * @param blocking runs the wait for INSYNC (a blocking waiter), one task per watch
     */
    public CutoverWatch(
            CutoverWatchSettings settings,
            TargetGroupTraffic traffic,
            ServiceStatus ecs,
            DnsRecords dns,
            Notifier notifier,
            Function<AppliedSwap, Optional<String>> channelOf,
            Clock clock,
            ScheduledExecutorService timer,
            ExecutorService blocking) {
        this.settings = settings;
        this.traffic = traffic;
        this.ecs = ecs;
        this.dns = dns;
        this.notifier = notifier;
        this.channelOf = channelOf;
        this.clock = clock;
        this.timer = timer;
        this.blocking = blocking;
    }

    /** Starts watching {@code applied}: the swap use case calls this once Route 53 accepted the change. */
    @Override
    public void applied(AppliedSwap applied) {
        String pair = applied.plan().pair().name();
        Optional<CutoverWatchSettings.Side> side = sideOf(applied);
        Optional<String> channel = channelOf.apply(applied);
        if (side.isEmpty() || channel.isEmpty()) {
            log.info(
                    "not watching the cutover of {}: no alerts.cutover.sides entry or channel for its new target",
                    pair);
            return;
        }
        CutoverWatchRun run = new CutoverWatchRun(this, applied, side.get(), oldTtl(applied), clock.instant());
        CutoverWatchRun previous = open.put(pair, run);
        if (previous != null) {
            previous.stop("superseded by a newer change of " + pair);
        }
        run.start(channel.get());
        publish(pair, run.message(), clock.instant().plus(settings.window()).plus(Duration.ofMinutes(5)));
        blocking.execute(() -> run.awaitInsync(dns, settings.window().plus(Duration.ofMinutes(5))));
        run.schedule(timer, settings.pollInterval());
    }

    /**
     * Shares each open watch's thread through {@code store}, so that every replica, not only the one
     * that applied the swap, sends the pair's queue and service alerts into it.
     */
    public void shareThrough(StateStore<SharedThread> store) {
        this.shared = store;
    }

    @Override
    public Optional<MessageRef> threadOf(String pair) {
        Optional<MessageRef> local = Optional.ofNullable(open.get(pair)).map(CutoverWatchRun::message);
        if (local.isPresent() || shared == null) {
            return local;
        }
        try {
            return shared.get(pair)
                    .map(StateStore.Versioned::state)
                    .filter(t -> t.until().isAfter(clock.instant()))
                    .map(t -> new MessageRef(t.channel(), t.ts()));
        } catch (RuntimeException e) {
            log.warn("could not read the cutover thread of {}: {}", pair, e.toString());
            return Optional.empty();
        }
    }

    /** Publishes (or, with {@code until} now, withdraws) the thread of {@code pair} for other replicas. */
    void publish(String pair, @Nullable MessageRef message, Instant until) {
        if (shared == null || message == null) {
            return;
        }
        try {
            for (int i = 0; i < 3; i++) {
                long version =
                        shared.get(pair).map(StateStore.Versioned::version).orElse(0L);
                if (shared.compareAndSet(pair, version, new SharedThread(message.channel(), message.ts(), until))) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not share the cutover thread of {}: {}", pair, e.toString());
        }
    }

    /** The pairs being watched now. */
    public java.util.Set<String> openPairs() {
        return java.util.Set.copyOf(open.keySet());
    }

    void closed(CutoverWatchRun run) {
        if (open.remove(run.pair(), run)) {
            publish(run.pair(), run.message(), clock.instant());
        }
    }

    CutoverWatchSettings settings() {
        return settings;
    }

    TargetGroupTraffic traffic() {
        return traffic;
    }

    ServiceStatus ecs() {
        return ecs;
    }

    Notifier notifier() {
        return notifier;
    }

    Clock clock() {
        return clock;
    }

    private Optional<CutoverWatchSettings.Side> sideOf(AppliedSwap applied) {
        for (RecordSet r : applied.plan().blueAfter()) {
            for (CutoverWatchSettings.Side s : settings.sides()) {
                if (r.target().contains(s.target())) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The longest time a resolver may still serve the old records: 60 s for an ELB alias, else the TTL. */
    static Duration oldTtl(AppliedSwap applied) {
        long seconds = 0;
        for (RecordSet r : applied.plan().blueBefore()) {
            seconds = Math.max(seconds, r.isAlias() ? 60 : r.ttl());
        }
        return Duration.ofSeconds(seconds);
    }

    /** Stops every watch. */
    @Override
    public void close() {
        open.values().forEach(r -> r.stop("the bot is shutting down"));
        open.clear();
    }
}
