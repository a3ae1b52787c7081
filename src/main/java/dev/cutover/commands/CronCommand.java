package dev.cutover.commands;

import dev.cutover.core.approval.Directory;
import dev.cutover.core.chat.Message;
import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobControl;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
import dev.cutover.reply.Mrkdwn;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /cron list | run <job> | pause <job> | resume <job> | history <job>}. A manual run goes
 * through the same lock, fire-identity claim and retries as a scheduled one, after the ack.
 */
public final class CronCommand implements ChatCommand {
    private final Map<String, JobSpec> jobs = new LinkedHashMap<>();
    private final JobRunner runner;
    private final JobHistory history;
    private final JobControl control;
    private final Clock clock;
    private final Directory directory;

    /**
     * @param directory resolves user groups among a job's approvers (Slack: usergroups.users.list)
     */
    public CronCommand(
            List<JobSpec> jobs,
            JobRunner runner,
            JobHistory history,
            JobControl control,
            Clock clock,
            Directory directory) {
        jobs.forEach(j -> this.jobs.put(j.name(), j));
        this.runner = runner;
        this.history = history;
        this.control = control;
        this.clock = clock;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public String usage() {
        return "/cron list | run <job> | pause <job> | resume <job> | history <job>";
    }

    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length == 1 && w[0].equals("list")) {
            return new CommandResult(CronListing.list(jobs.values(), history, control, clock.instant()), null);
        }
        if (w.length != 2 || !List.of("run", "pause", "resume", "history").contains(w[0]) || !jobs.containsKey(w[1])) {
            return CommandResult.reply(help(w));
        }
        JobSpec spec = jobs.get(w[1]);
        if (!w[0].equals("history") && !mayOperate(spec, inv.userId())) {
            return CommandResult.reply(":no_entry: Only " + Mrkdwn.principals(spec.approvers()) + " may " + w[0] + " `"
                    + spec.name() + "`.");
        }
        return switch (w[0]) {
            case "run" -> run(spec, inv);
            case "pause" -> {
                control.pause(spec.name());
                yield CommandResult.reply("Paused `" + spec.name()
                        + "`: scheduled fires stop on every replica until `/cron resume " + spec.name() + "`.");
            }
            case "resume" -> {
                control.resume(spec.name());
                yield CommandResult.reply("Resumed `" + spec.name() + "`.");
            }
            default -> new CommandResult(CronListing.history(spec, history.recent(spec.name(), 10)), null);
        };
    }

    /** A job's approvers (users or user groups) may run, pause and resume it; anyone when it has none. */
    private boolean mayOperate(JobSpec spec, String user) {
        return spec.approvers().isEmpty() || directory.matches(user, Set.copyOf(spec.approvers()));
    }

    private CommandResult run(JobSpec spec, Invocation inv) {
        FireIdentity fire = FireIdentity.manual(spec.name(), clock.instant());
        return CommandResult.replyThen("Starting `" + spec.name() + "` (fire `" + fire.key() + "`)...", () -> {
            RunRecord r = runner.fire(spec, fire, "manual:" + inv.userId());
            inv.responder().ephemeral(Message.text("`" + spec.name() + "` " + CronListing.result(r)));
        });
    }

    private String help(String[] w) {
        String problem = w.length == 0
                ? "Missing subcommand."
                : w.length >= 2 && !jobs.containsKey(w[1])
                        ? "Unknown job `" + w[1] + "`."
                        : "Unknown or incomplete command `" + String.join(" ", w) + "`.";
        return problem + "\nUsage: `" + usage() + "`\nJobs: "
                + (jobs.isEmpty()
                        ? "(none configured)"
                        : jobs.keySet().stream().map(j -> "`" + j + "`").collect(Collectors.joining(", ")));
    }
}
