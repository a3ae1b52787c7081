package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.job.JobControl;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
import dev.cutover.reply.Mrkdwn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Renders {@code /cron list} and {@code /cron history} replies. */
final class CronListing {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private CronListing() {}

    /** Jobs per page of {@code /cron list}: a section each, so a page stays far below 50 blocks. */
    static final int PAGE = 20;

    /**
     * Page {@code page} (from 1) of the jobs whose names start with {@code prefix} ("" for all),
     * {@link #PAGE} jobs a page; a page that leaves jobs out says how many and how to see them.
     */
    static Message list(
            Collection<JobSpec> all, String prefix, int page, JobHistory history, JobControl control, Instant now) {
        List<JobSpec> jobs =
                all.stream().filter(j -> j.name().startsWith(prefix)).toList();
        String filter = prefix.isEmpty() ? "" : " " + Mrkdwn.snippet(prefix).replace("`", "");
        Message.Builder m = Message.builder("Scheduled jobs: " + jobs.size()).header("Scheduled jobs");
        if (jobs.isEmpty()) {
            return m.section(
                            prefix.isEmpty()
                                    ? "No jobs are configured (add them under `jobs:` in the config)."
                                    : "No job names start with " + Mrkdwn.snippet(prefix)
                                            + "; `/cron list` shows them all.")
                    .build();
        }
        int pages = Math.max(1, (jobs.size() + PAGE - 1) / PAGE);
        if (page > pages) {
            return m.section("There " + (pages == 1 ? "is 1 page" : "are " + pages + " pages") + " of "
                            + jobs.size() + " job" + (jobs.size() == 1 ? "" : "s") + "; try `/cron list" + filter
                            + "`.")
                    .build();
        }
        int from = (page - 1) * PAGE;
        for (JobSpec j : jobs.subList(from, Math.min(jobs.size(), from + PAGE))) {
            m.section(Mrkdwn.cut(entry(j, history, control, now), MessageLimits.SECTION_TEXT));
        }
        if (pages > 1) {
            int after = Math.max(0, jobs.size() - from - PAGE);
            m.context("Page " + page + " of " + pages + " (" + jobs.size() + " jobs)"
                    + (after == 0 ? "" : " — and " + after + " more: `/cron list" + filter + " " + (page + 1) + "`")
                    + (prefix.isEmpty() ? "; `/cron list <prefix>` shows the jobs whose names start with it" : "")
                    + ".");
        }
        return m.build();
    }

    private static String entry(JobSpec j, JobHistory history, JobControl control, Instant now) {
        String state = !j.enabled() ? " (disabled)" : control.isPaused(j.name()) ? " (paused)" : "";
        String last = history.latest(j.name()).map(CronListing::result).orElse("never ran");
        String next = state.isEmpty()
                ? String.join(", ", nextThree(j, now))
                : "none while" + state.replace("(", "").replace(")", "");
        return "*" + j.name() + "*" + state + " - " + j.target().describe() + "\n"
                + j.schedule().describe() + "\nNext: " + next + "\nLast: " + last;
    }

    /** {@code runs} (the last ones recorded) as a code block, newest slot first. */
    static Message history(JobSpec j, List<RunRecord> runs) {
        Message.Builder m = Message.builder("History of " + j.name()).header("History of " + j.name());
        if (runs.isEmpty()) {
            return m.section("No runs yet.").build();
        }
        StringBuilder sb = new StringBuilder();
        // Newest slot first: two replicas may record missed slots in any order. A stable sort keeps
        // the record order (newest first) of entries of one slot.
        List<RunRecord> bySlot = runs.stream()
                .sorted(java.util.Comparator.comparing(
                        RunRecord::slot, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                .toList();
        for (RunRecord r : bySlot) {
            sb.append(r.fireId())
                    .append("  ")
                    .append(r.trigger())
                    .append("  started ")
                    .append(r.startedAt() == null ? "-" : STARTED.format(r.startedAt()))
                    .append("  ")
                    .append(result(r))
                    .append('\n');
        }
        return m.code(Mrkdwn.cut(sb.toString().strip(), MessageLimits.SECTION_TEXT - 6))
                .build();
    }

    static String result(RunRecord r) {
        String exit = r.exitCode() == null ? "" : ", exit " + r.exitCode();
        return r.result().name().toLowerCase().replace('_', ' ') + " (" + r.attempts() + " attempt"
                + (r.attempts() == 1 ? "" : "s") + exit + ", " + r.duration().toMillis() + " ms"
                + (r.detail().isEmpty() || r.detail().equals("exit code " + r.exitCode()) ? "" : ": " + r.detail())
                + ")";
    }

    private static List<String> nextThree(JobSpec j, Instant now) {
        List<String> out = new ArrayList<>();
        Optional<Instant> t = j.schedule().nextAfter(now);
        while (t.isPresent() && out.size() < 3) {
            out.add(LOCAL.format(t.get().atZone(j.zone())) + " (" + UTC.format(t.get()) + ")");
            t = j.schedule().nextAfter(t.get());
        }
        return out;
    }
}
