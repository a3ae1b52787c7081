package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.job.JobControl;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
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

    static Message list(Collection<JobSpec> jobs, JobHistory history, JobControl control, Instant now) {
        Message.Builder m = Message.builder("Scheduled jobs: " + jobs.size()).header("Scheduled jobs");
        for (JobSpec j : jobs) {
            String state = !j.enabled() ? " (disabled)" : control.isPaused(j.name()) ? " (paused)" : "";
            String last = history.latest(j.name()).map(CronListing::result).orElse("never ran");
            String next = state.isEmpty()
                    ? String.join(", ", nextThree(j, now))
                    : "none while" + state.replace("(", "").replace(")", "");
            m.section("*" + j.name() + "*" + state + " - " + j.target().describe() + "\n"
                    + j.schedule().describe() + "\nNext: " + next + "\nLast: " + last);
        }
        return m.build();
    }

    static Message history(JobSpec j, List<RunRecord> runs) {
        Message.Builder m = Message.builder("History of " + j.name()).header("History of " + j.name());
        if (runs.isEmpty()) {
            return m.section("No runs yet.").build();
        }
        StringBuilder sb = new StringBuilder();
        for (RunRecord r : runs) {
            sb.append(r.fireId())
                    .append("  ")
                    .append(r.trigger())
                    .append("  started ")
                    .append(r.startedAt() == null ? "-" : STARTED.format(r.startedAt()))
                    .append("  ")
                    .append(result(r))
                    .append('\n');
        }
        return m.code(sb.toString().strip()).build();
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
