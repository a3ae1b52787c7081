package dev.cutover.alert;

import dev.cutover.aws.AutoScalingHistory;
import dev.cutover.aws.CloudWatchMetricReader;
import dev.cutover.aws.CloudWatchQueueMetrics;
import dev.cutover.aws.EcsServiceStatus;
import dev.cutover.aws.SqsQueueDepth;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CutoverCommand;
import dev.cutover.commands.CutoverRollbackAction;
import dev.cutover.commands.SwapReplies;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.swap.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapPlanner;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The queue monitor, the scaling monitor and the cutover watch, built from the config, with their
 * chat command ({@code /cutover status}) and button ({@code cutover.rollback}). Building starts
 * nothing; the swap use case is given {@link #watch()} as its listener; {@link #start} starts
 * polling.
 */
public final class AlertMonitors implements AutoCloseable {
    private final QueueMonitor queues;
    private final ScalingMonitor scaling;
    private final CutoverWatch watch;
    private final CutoverStatus status;

    /**
     * @param requests finds a request by id (the cutover watch posts in its channel)
     * @param timer runs the polls
     * @param blocking runs blocking waits (Route 53 INSYNC)
     */
    public AlertMonitors(
            CutoverConfig config,
            Monitoring m,
            Notifier notifier,
            PairCatalog pairs,
            DnsRecords dns,
            Function<String, Optional<ApprovalRequest>> requests,
            Clock clock,
            ScheduledExecutorService timer,
            ExecutorService blocking) {
        CloudWatchMetricReader cloudWatch = new CloudWatchMetricReader(m.cloudWatch());
        EcsServiceStatus ecs = new EcsServiceStatus(m.ecs());
        Optional<String> fallback = Optional.ofNullable(config.alerts().channel());
        this.watch = new CutoverWatch(
                config.alerts().cutover(),
                cloudWatch,
                ecs,
                dns,
                notifier,
                a -> requests.apply(a.requestId()).map(ApprovalRequest::channel).or(() -> fallback),
                clock,
                timer,
                blocking);
        watch.shareThrough(m.stores().named("cutover-thread", CutoverWatch.SharedThread.class));
        this.queues = new QueueMonitor(
                config.queues().stream().map(WatchedQueue::of).toList(),
                new CloudWatchQueueMetrics(cloudWatch),
                m.stores().named("queue", AlertState.class),
                new QueueAlertPoster(notifier, watch),
                clock);
        this.scaling = new ScalingMonitor(
                config.services(),
                ecs,
                new AutoScalingHistory(m.autoScaling()),
                m.stores().named("service", ServiceWatchState.class),
                new ScalingPoster(notifier, watch, queues::state),
                clock);
        this.status = new CutoverStatus(
                pairs, new SwapPlanner(dns), queues, new SqsQueueDepth(m.sqs(), clock), scaling, ecs, watch);
    }

    /** {@code /cutover status}. */
    public List<ChatCommand> commands() {
        return List.of(new CutoverCommand(status::render));
    }

    /** The cutover watch's Roll back button, asking {@code swaps} for the rollback. */
    public List<ActionHandler> actions(SwapReplies swaps) {
        return List.of(new CutoverRollbackAction(swaps));
    }

    /** Starts polling queues and services. */
    public void start(ScheduledExecutorService timer) {
        queues.start(timer);
        scaling.start(timer);
    }

    public QueueMonitor queues() {
        return queues;
    }

    public ScalingMonitor scaling() {
        return scaling;
    }

    public CutoverWatch watch() {
        return watch;
    }

    public CutoverStatus status() {
        return status;
    }

    /** Stops polling and every cutover watch. */
    @Override
    public void close() {
        queues.close();
        scaling.close();
        watch.close();
    }
}
