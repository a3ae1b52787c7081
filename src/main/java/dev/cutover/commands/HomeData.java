package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.home.OpenIncident;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.traffic.Shift;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every user's Home shows, read once from the store, Route 53 and the scheduler; each user's
 * view is rendered from it by {@link HomeView} (only the buttons differ between users).
 *
 * @param pairs every configured pair, in config order
 * @param jobs every configured job, in config order
 * @param incidents the open incidents of every source, oldest first
 * @param problems what could not be read (e.g. "the records of api"), for the view to say so
 * @param readAt when it was read: the view's "last updated"
 */
public record HomeData(
        List<Pair> pairs, List<Job> jobs, List<OpenIncident> incidents, List<String> problems, Instant readAt) {
    public HomeData {
        pairs = List.copyOf(pairs);
        jobs = List.copyOf(jobs);
        incidents = List.copyOf(incidents);
        problems = List.copyOf(problems);
    }

    /**
     * One pair as it stands.
     *
     * @param name the pair's name
     * @param policy who may approve its requests
     * @param blue the blue record's name
     * @param live what blue points at now, or empty when Route 53 could not be read
     * @param stored whether its freeze and request could be read from the store (when not, both are null)
     * @param freeze the freeze on it, or null
     * @param request its open swap or rollback request, or null
     * @param shift its open progressive shift, or its latest one when it ended leaving traffic on green; or null
     * @param watch the message of the cutover watch open on it, or null
     */
    public record Pair(
            String name,
            ApprovalPolicy policy,
            String blue,
            Optional<String> live,
            boolean stored,
            @Nullable Freeze freeze,
            @Nullable ApprovalRequest request,
            @Nullable Shift shift,
            @Nullable MessageRef watch) {}

    /**
     * One scheduled job as it stands.
     *
     * @param spec the job
     * @param paused whether {@code /cron pause} holds it
     * @param next its next scheduled fire, or empty (disabled, paused, or a schedule that never fires again)
     * @param last its newest run, or empty when it never ran
     * @param running the run holding its lock now, or null
     */
    public record Job(
            JobSpec spec,
            boolean paused,
            Optional<Instant> next,
            Optional<RunRecord> last,
            @Nullable Running running) {}

    /**
     * A job run holding the job's lock now.
     *
     * @param holder the replica that runs it ({@code <host>-<pid>})
     * @param fencingToken the lock's fencing token
     */
    public record Running(String holder, long fencingToken) {}
}
