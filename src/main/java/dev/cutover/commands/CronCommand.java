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
import dev.cutover.reply.NameList;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cron list | run <job> | stop <job> | pause <job> | resume <job> | history <job>}. A manual
 * run goes through the same lock, fire-identity claim and retries as a scheduled one, after the
 * ack; a stop asks the run holding the job's lock, on any replica, to stop.
 */
public final class CronCommand implements ChatCommand {
    private static final Logger log = LoggerFactory.getLogger(CronCommand.class);

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
        return "/cron list | run <job> | stop <job> | pause <job> | resume <job> | history <job>";
    }

    /**
     * Checks the words against the configured jobs (in memory) before the ack; everything that reads
     * the history, asks the directory, pauses or runs happens after it and answers through the
     * invocation's responder.
     */
    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length >= 1 && w.length <= 3 && w[0].equals("list") && (w.length < 3 || isPage(w[2]))) {
            // list | list <page> | list <prefix> | list <prefix> <page>
            boolean pageOnly = w.length == 2 && isPage(w[1]);
            String prefix = w.length >= 2 && !pageOnly ? w[1] : "";
            int page = w.length == 3 ? Integer.parseInt(w[2]) : pageOnly ? Integer.parseInt(w[1]) : 1;
            return CommandResult.later(() -> inv.responder()
                    .ephemeral(CronListing.list(jobs.values(), prefix, page, history, control, clock.instant())));
        }
        if (w.length != 2
                || !List.of("run", "stop", "pause", "resume", "history").contains(w[0])
                || !jobs.containsKey(w[1])) {
            return CommandResult.reply(help(w));
        }
        JobSpec spec = jobs.get(w[1]);
        String verb = w[0];
        return CommandResult.later(() -> inv.responder().ephemeral(afterAck(verb, spec, inv)));
    }

    private Message afterAck(String verb, JobSpec spec, Invocation inv) {
        if (!verb.equals("history") && !mayOperate(spec, inv.userId())) {
            return Message.text(":no_entry: Only " + Mrkdwn.principals(spec.approvers()) + " may " + verb + " `"
                    + spec.name() + "`.");
        }
        return switch (verb) {
            case "run" -> run(spec, inv);
            case "stop" -> stop(spec, inv);
            case "pause" -> {
                control.pause(spec.name());
                yield Message.text("Paused `" + spec.name()
                        + "`: scheduled fires stop on every replica until `/cron resume " + spec.name() + "`.");
            }
            case "resume" -> {
                control.resume(spec.name());
                yield Message.text("Resumed `" + spec.name() + "`.");
            }
            default -> CronListing.history(spec, history.recent(spec.name(), 10));
        };
    }

    /** A job's approvers (users or user groups) may run, stop, pause and resume it; anyone when it has none. */
    private boolean mayOperate(JobSpec spec, String user) {
        return spec.approvers().isEmpty() || directory.matches(user, Set.copyOf(spec.approvers()));
    }

    /** Says the run starts, runs it through the runner (lock, claim, retries) and returns its result. */
    private Message run(JobSpec spec, Invocation inv) {
        FireIdentity fire = FireIdentity.manual(spec.name(), clock.instant());
        inv.responder().ephemeral(Message.text("Starting `" + spec.name() + "` (fire `" + fire.key() + "`)..."));
        RunRecord r = runner.fire(spec, fire, "manual:" + inv.userId());
        return Message.text("`" + spec.name() + "` " + CronListing.result(r));
    }

    /** Asks the run holding the job's lock to stop; the run records itself as stopped. */
    private Message stop(JobSpec spec, Invocation inv) {
        JobRunner.StopRequest r = runner.requestStop(spec);
        String job = "`" + spec.name() + "`";
        if (r instanceof JobRunner.StopRequest.Requested q) {
            log.info(
                    "cron stop of {} by {}: run with fencing token {}",
                    spec.name(),
                    inv.userId(),
                    q.holder().fencingToken());
            return Message.text(":octagonal_sign: Stopping " + job + ": the run holding its lock ("
                    + Mrkdwn.escape(q.holder().owner()) + ", fencing token "
                    + q.holder().fencingToken()
                    + ") stops its target within a few seconds and makes no further attempt; `/cron history "
                    + spec.name() + "` will say *stopped*.");
        }
        if (r instanceof JobRunner.StopRequest.Unlocked) {
            return Message.text(job + " runs without a lock (`lock: none`), so its runs cannot be found to stop.");
        }
        return Message.text(job + " is not running: no run holds its lock. Nothing was changed.");
    }

    private static boolean isPage(String word) {
        return word.matches("[1-9][0-9]{0,5}");
    }

    private String help(String[] w) {
        String problem = w.length == 0
                ? "Missing subcommand."
                : w.length >= 2 && !jobs.containsKey(w[1])
                        ? "Unknown job " + Mrkdwn.snippet(w[1]) + ". " + NameList.didYouMean(w[1], jobs.keySet())
                        : "Unknown or incomplete command " + Mrkdwn.snippet(String.join(" ", w)) + ".";
        return problem.strip() + "\nUsage: `" + usage() + "`\nJobs: "
                + (jobs.isEmpty() ? "(none configured)" : NameList.of(jobs.keySet(), "`/cron list` lists them all"));
    }
}
