package dev.cutover.app;

import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CommandResult;
import dev.cutover.commands.ForwardingChatCommand;
import dev.cutover.commands.Invocation;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.jobs.JobPorts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ports whose writes change what a Home shows, each wrapped to call {@code changed} after a
 * write that succeeded: a channel message posted or edited (requests, decisions, applies, freezes,
 * shifts, watches, incidents and job alerts all show their changes that way), a job's lock taken (a
 * run starts), a run recorded (its result), and a command whose answer is only ephemeral while it
 * changes what the Home shows ({@code /cron pause} and {@code resume}).
 */
final class HomeSignals {
    private HomeSignals() {}

    static Notifier notifier(Notifier notifier, Runnable changed) {
        return new Notifier() {
            @Override
            public MessageRef post(String channel, Message message) {
                MessageRef ref = notifier.post(channel, message);
                changed.run();
                return ref;
            }

            @Override
            public MessageRef reply(MessageRef parent, Message message) {
                MessageRef ref = notifier.reply(parent, message);
                changed.run();
                return ref;
            }

            @Override
            public void replyLater(MessageRef parent, Message message) {
                notifier.replyLater(parent, message);
                changed.run();
            }

            @Override
            public void update(MessageRef ref, Message message) {
                notifier.update(ref, message);
                changed.run();
            }

            @Override
            public void update(MessageRef ref, Supplier<Message> current) {
                notifier.update(ref, current);
                changed.run();
            }

            @Override
            public Optional<MessageRef> find(String channel, Instant since, String marker) {
                return notifier.find(channel, since, marker);
            }
        };
    }

    static JobPorts jobs(JobPorts jobs, Runnable changed) {
        LockProvider locks = jobs.locks();
        JobHistory history = jobs.history();
        LockProvider signallingLocks = new LockProvider() {
            @Override
            public Optional<Lease> tryAcquire(LockSpec spec) {
                Optional<Lease> lease = locks.tryAcquire(spec);
                lease.ifPresent(l -> changed.run());
                return lease;
            }

            @Override
            public Optional<LockHolder> holder(String name) {
                return locks.holder(name);
            }
        };
        JobHistory signallingHistory = new JobHistory() {
            @Override
            public void record(RunRecord run) {
                history.record(run);
                changed.run();
            }

            @Override
            public List<RunRecord> recent(String job, int limit) {
                return history.recent(job, limit);
            }
        };
        return new JobPorts(signallingLocks, jobs.claims(), signallingHistory, jobs.targets(), jobs.storeTime());
    }

    /** {@code command}, calling {@code changed} after each follow-up (after the ack, whether it succeeded or not). */
    static ChatCommand command(ChatCommand command, Runnable changed) {
        return new ForwardingChatCommand(command) {
            @Override
            public CommandResult handle(Invocation invocation) {
                CommandResult r = command.handle(invocation);
                Runnable followUp = r.followUp();
                return followUp == null
                        ? r
                        : new CommandResult(r.ephemeral(), () -> {
                            try {
                                followUp.run();
                            } finally {
                                changed.run();
                            }
                        });
            }
        };
    }
}
