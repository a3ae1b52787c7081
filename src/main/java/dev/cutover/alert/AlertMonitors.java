package dev.cutover.alert;

import dev.cutover.config.CutoverConfig;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The queue monitor, the scaling monitor, the cutover watch and the {@code /cutover status} message,
 * built from the config over the alert ports. Building starts nothing; {@link #start} starts
 * polling, and the cutover watch starts when told of an applied swap ({@link #watch()} is the
 * swap use case's listener).
 */
public final class AlertMonitors implements AutoCloseable {
    private final QueueMonitor queues;
    private final ScalingMonitor scaling;
    private final CutoverWatch watch;
    private final CutoverStatus status;
    private final AlarmMonitor alarms;
    private final Optional<AlarmConsumer> alarmQueue;

    /**
     * @param ports what the monitors read, and where their shared state lives
     * @param dns the swap pairs' records (for {@code /cutover status} and INSYNC)
     * @param pairs the configured swap pairs
     * @param requestChannel the channel of the request that applied a swap, when known; the watch
     *     falls back to {@code alerts.channel}
     * @param timer runs the polls
     * @param blocking runs blocking waits (Route 53 INSYNC)
     */
    public AlertMonitors(
            CutoverConfig config,
            AlertPorts ports,
            Notifier notifier,
            DnsRecords dns,
            List<SwapPair> pairs,
            Function<AppliedSwap, Optional<String>> requestChannel,
            Clock clock,
            ScheduledExecutorService timer,
            ExecutorService blocking) {
        Optional<String> fallback = Optional.ofNullable(config.alerts().channel());
        this.watch = new CutoverWatch(
                config.alerts().cutover(),
                ports.traffic(),
                ports.services(),
                dns,
                notifier,
                a -> requestChannel.apply(a).or(() -> fallback),
                clock,
                timer,
                blocking);
        watch.shareThrough(ports.stores().named("cutover-thread", CutoverWatch.SharedThread.class));
        this.queues = new QueueMonitor(
                config.queues().stream().map(WatchedQueue::of).toList(),
                ports.queueMetrics(),
                ports.stores().named("queue", AlertState.class),
                new QueueAlertPoster(notifier, watch),
                clock);
        this.scaling = new ScalingMonitor(
                config.services(),
                ports.services(),
                ports.scaling(),
                ports.stores().named("service", ServiceWatchState.class),
                new ScalingPoster(notifier, watch, queues::state),
                clock);
        this.alarms = new AlarmMonitor(
                config,
                ports.stores().named("alarm", AlarmState.class),
                ports.stores().named("alarm-index", AlarmMonitor.OpenIndex.class),
                notifier,
                watch,
                clock);
        this.alarmQueue = config.alarms()
                .queueUrl()
                .map(url -> new AlarmConsumer(
                        ports.alarms(),
                        url.toString(),
                        alarms,
                        Duration.ofMillis(AlarmConsumer.FIRST_PAUSE_MS),
                        clock));
        this.status =
                new CutoverStatus(pairs, dns, queues, ports.queueDepth(), scaling, ports.services(), watch, alarms);
    }

    /** Starts polling queues and services, and reading the alarm queue when one is configured. */
    public void start(ScheduledExecutorService timer) {
        queues.start(timer);
        scaling.start(timer);
        alarmQueue.ifPresent(AlarmConsumer::start);
    }

    /** The CloudWatch alarms: their incidents, and the guard alarms of pairs. */
    public AlarmMonitor alarms() {
        return alarms;
    }

    /** The reader of the alarm queue, when {@code alarms.queue} is configured. */
    public Optional<AlarmConsumer> alarmQueue() {
        return alarmQueue;
    }

    /**
     * The queues and services whose last successful poll is older than three of their intervals,
     * and the alarm queue when no receive succeeded for 90 s (for readiness); empty before {@link
     * #start}.
     */
    public List<String> overdue() {
        List<String> out = new ArrayList<>(queues.overdue());
        out.addAll(scaling.overdue());
        alarmQueue.ifPresent(a -> out.addAll(a.overdue()));
        return out;
    }

    public QueueMonitor queues() {
        return queues;
    }

    public ScalingMonitor scaling() {
        return scaling;
    }

    /** The cutover watch: the listener to tell of each applied swap. */
    public CutoverWatch watch() {
        return watch;
    }

    /** The {@code /cutover status} message. */
    public CutoverStatus status() {
        return status;
    }

    /** Stops polling and every cutover watch. */
    @Override
    public void close() {
        alarmQueue.ifPresent(AlarmConsumer::close);
        queues.close();
        scaling.close();
        watch.close();
    }
}
