package dev.cutover.app;

import dev.cutover.alert.AlarmMonitor;
import dev.cutover.alert.AlertMonitors;
import dev.cutover.alert.QueueMonitor;
import dev.cutover.alert.ScalingMonitor;
import dev.cutover.aws.AutoScalingHistory;
import dev.cutover.aws.CloudWatchMetricReader;
import dev.cutover.aws.CloudWatchQueueMetrics;
import dev.cutover.aws.CloudWatchTargetGroupTraffic;
import dev.cutover.aws.EcsServiceStatus;
import dev.cutover.aws.SqsAlarmInbox;
import dev.cutover.aws.SqsQueueDepth;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CutoverCommand;
import dev.cutover.commands.CutoverRollbackAction;
import dev.cutover.commands.SwapReplies;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStores;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.home.OpenIncident;
import dev.cutover.core.home.OpenIncidents;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapListener;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.redis.RedisStateStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the alerts: the AWS adapters behind the {@link AlertPorts}, the monitors over them, their
 * chat command ({@code /cutover status}) and button ({@code cutover.rollback}), and the cutover
 * watch as the listener of applied swaps. Building starts nothing; {@code monitors().start} polls.
 */
public final class AlertWiring implements AutoCloseable {
    private final AlertMonitors monitors;

    /**
     * @param ports what the monitors read ({@link #aws}, or in-memory ports in tests)
     * @param pairs the configured swap pairs
     * @param store where the channel of the request behind an applied swap is looked up
     * @param timer runs the polls
     * @param blocking runs blocking waits (Route 53 INSYNC)
     */
    public AlertWiring(
            CutoverConfig config,
            AlertPorts ports,
            Notifier notifier,
            PairCatalog pairs,
            DnsRecords dns,
            ApprovalStore store,
            Clock clock,
            ScheduledExecutorService timer,
            ExecutorService blocking) {
        List<SwapPair> swapPairs = pairs.names().stream()
                .map(n -> pairs.find(n).orElseThrow().pair())
                .toList();
        this.monitors = new AlertMonitors(
                config,
                ports,
                notifier,
                dns,
                swapPairs,
                a -> store.get(a.requestId()).map(ApprovalRequest::channel),
                clock,
                timer,
                blocking);
    }

    /** The cutover watch, as the swap use case's listener: it starts on every applied swap. */
    public SwapListener listener() {
        return monitors.watch()::applied;
    }

    /**
     * The alert ports over AWS (or the sandbox's SDK clients): CloudWatch for queue backlogs and
     * target group traffic (one metric reader), SQS for depth now and the alarm queue, ECS and
     * Application Auto Scaling.
     *
     * @param clock stamps SQS readings
     */
    public static AlertPorts aws(
            SqsClient sqs,
            CloudWatchClient cloudWatch,
            EcsClient ecs,
            ApplicationAutoScalingClient autoScaling,
            StateStores stores,
            Clock clock) {
        return aws(() -> sqs, () -> cloudWatch, () -> ecs, () -> autoScaling, stores, clock);
    }

    /** As {@link #aws(SqsClient, CloudWatchClient, EcsClient, ApplicationAutoScalingClient, StateStores,
     * Clock)}, over clients asked for on each call (e.g. built on first use, see {@code AwsClients#lazily}). */
    public static AlertPorts aws(
            Supplier<SqsClient> sqs,
            Supplier<CloudWatchClient> cloudWatch,
            Supplier<EcsClient> ecs,
            Supplier<ApplicationAutoScalingClient> autoScaling,
            StateStores stores,
            Clock clock) {
        CloudWatchMetricReader metrics = new CloudWatchMetricReader(cloudWatch);
        return new AlertPorts(
                new CloudWatchQueueMetrics(metrics),
                new SqsQueueDepth(sqs, clock),
                new EcsServiceStatus(ecs),
                new AutoScalingHistory(autoScaling),
                new CloudWatchTargetGroupTraffic(metrics),
                stores,
                new SqsAlarmInbox(sqs));
    }

    /** State stores in this process: for a single instance (and tests). */
    public static StateStores inMemoryStores() {
        return new StateStores() {
            @Override
            public <T> StateStore<T> named(String name, Class<T> type) {
                return new InMemoryStateStore<>();
            }
        };
    }

    /** State stores in Redis under {@code cutover:alert:<name>:<key>}, shared by every replica. */
    public static StateStores redisStores(UnifiedJedis redis) {
        return new StateStores() {
            @Override
            public <T> StateStore<T> named(String name, Class<T> type) {
                return new RedisStateStore<>(
                        redis, RedisStateStore.DEFAULT_PREFIX + name + ":", type, RedisStateStore.DEFAULT_TTL);
            }
        };
    }

    /** {@code /cutover status}. */
    public List<ChatCommand> commands() {
        return List.of(new CutoverCommand(prefix -> monitors.status().render(prefix)));
    }

    /** The cutover watch's Roll back button, asking {@code swaps} for the rollback. */
    public List<ActionHandler> actions(SwapReplies swaps) {
        return List.of(new CutoverRollbackAction(swaps));
    }

    /**
     * The incidents the monitors hold open, for the Home: the queues' alert incidents, the services
     * warned about as running below desired, and the CloudWatch alarms in ALARM (or without data
     * after one).
     */
    public List<OpenIncidents> incidents() {
        QueueMonitor queues = monitors.queues();
        ScalingMonitor services = monitors.scaling();
        OpenIncidents queueIncidents = () -> queues.queues().stream()
                .flatMap(q -> queues.state(q.name()).stream()
                        .filter(st -> st.incident() != null && st.level() != AlertLevel.OK)
                        .map(st -> new OpenIncident(
                                "queue",
                                q.name(),
                                st.level().wire(),
                                st.incident().since(),
                                st.incident().message())))
                .toList();
        OpenIncidents serviceIncidents = () -> services.services().stream()
                .flatMap(sv -> services.warnedBelowSince(sv.name()).stream()
                        .map(since -> new OpenIncident("service", sv.name(), AlertLevel.WARNING.wire(), since, null)))
                .toList();
        AlarmMonitor alarms = monitors.alarms();
        OpenIncidents alarmIncidents = () -> alarms.openIncidents().stream()
                .map(a -> new OpenIncident("alarm", a.alarm(), a.state(), a.since(), a.message()))
                .toList();
        return List.of(queueIncidents, serviceIncidents, alarmIncidents);
    }

    /** The monitors. */
    public AlertMonitors monitors() {
        return monitors;
    }

    /** Stops polling and every cutover watch. */
    @Override
    public void close() {
        monitors.close();
    }
}
