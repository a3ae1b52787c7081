package dev.cutover.ops;

import dev.cutover.commands.ChatCommand;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.jobs.JobPorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Measures a bot: wraps its ports and commands in the metered decorators of this package and binds
 * its thread pools ({@code executor_*{name}}). {@link #none()} measures into a registry that keeps
 * nothing, for tests and tools that have no ops port.
 */
public final class BotMetrics {
    private final MeterRegistry registry;
    private final Counter rejected;

    /** @param registry where the meters go */
    public BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rejected = Counter.builder("cutover.work.rejected")
                .description(
                        "Command and click follow-ups refused because the work queue was full (the user is told busy)")
                .register(registry);
    }

    /** Meters that go nowhere. */
    public static BotMetrics none() {
        return new BotMetrics(new CompositeMeterRegistry());
    }

    /** The registry the meters go to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The approval store, measured ({@link MeteredApprovalStore}). */
    public ApprovalStore store(ApprovalStore store, Clock clock) {
        return new MeteredApprovalStore(store, registry, clock);
    }

    /** The job ports with the lock provider and the history measured. */
    public JobPorts jobs(JobPorts p) {
        return new JobPorts(
                new MeteredLockProvider(p.locks(), registry),
                p.claims(),
                new MeteredJobHistory(p.history(), registry),
                p.targets(),
                p.storeTime());
    }

    /** The alert ports with the alerts' state and the alarm queue measured. */
    public AlertPorts alerts(AlertPorts p) {
        return new AlertPorts(
                p.queueMetrics(),
                p.queueDepth(),
                p.services(),
                p.scaling(),
                p.traffic(),
                new MeteredStateStores(p.stores(), registry),
                new MeteredAlarmInbox(p.alarms(), registry));
    }

    /** The command, measured ({@link MeteredChatCommand}). */
    public ChatCommand command(ChatCommand c) {
        return new MeteredChatCommand(c, registry);
    }

    /** Binds the pool's size, active threads, queue and completed tasks under {@code name}. */
    public void pool(ExecutorService pool, String name) {
        new ExecutorServiceMetrics(pool, name, Tags.empty()).bindTo(registry);
    }

    /** One follow-up refused because the work queue was full. */
    public void rejected() {
        rejected.increment();
    }
}
