package dev.cutover.jobs;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobTarget;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local process, the {@code command} job target (sandbox and development). The environment gets
 * {@code CUTOVER_FIRE_ID}, {@code CUTOVER_FENCING_TOKEN}, {@code CUTOVER_ATTEMPT} and
 * {@code CUTOVER_BOT_PID} (this bot's process id, so processes a killed bot left behind can be told
 * apart). The command runs in its own session and process group ({@code setsid}); on timeout or
 * cancellation (stop, lease lost, shutdown) the whole group is killed, double-forked descendants
 * included, as are any descendants that left the group.
 */
public final class LocalProcessTarget implements JobTarget {
    private static final long SLICE_MS = 100;
    private final JobTargetConfig.Command cfg;

    public LocalProcessTarget(JobTargetConfig.Command cfg) {
        this.cfg = cfg;
    }

    @Override
    public AttemptResult run(Attempt a) {
        try {
            Path out = Files.createTempFile("cutover-job-", ".log");
            try {
                Process p = start(a, out.toFile());
                return waitFor(p, a, out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return AttemptResult.failed(null, "cannot start " + cfg.command().get(0) + ": " + e.getMessage(), Map.of());
        }
    }

    @Override
    public String describe() {
        return "command " + String.join(" ", cfg.command());
    }

    private Process start(Attempt a, File out) throws IOException {
        List<String> argv = new ArrayList<>();
        if (ProcessGroups.setsid() != null) {
            argv.add(ProcessGroups.setsid().toString());
        }
        argv.addAll(cfg.command());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out);
        if (cfg.workingDirectory() != null) {
            pb.directory(new File(cfg.workingDirectory()));
        }
        pb.environment().putAll(cfg.environment());
        pb.environment().put("CUTOVER_FIRE_ID", a.fire().key());
        pb.environment().put("CUTOVER_FENCING_TOKEN", Long.toString(a.fencingToken()));
        pb.environment().put("CUTOVER_ATTEMPT", Integer.toString(a.number()));
        pb.environment()
                .put("CUTOVER_BOT_PID", Long.toString(ProcessHandle.current().pid()));
        return pb.start();
    }

    private AttemptResult waitFor(Process p, Attempt a, Path out) throws IOException {
        long deadline = System.nanoTime() + a.timeout().toNanos();
        while (System.nanoTime() < deadline && !a.isCancelled()) {
            try {
                int exit = p.onExit().get(SLICE_MS, TimeUnit.MILLISECONDS).exitValue();
                String tail = tail(out);
                if (exit == 127 && tail.startsWith("setsid: failed to execute")) {
                    // What ProcessBuilder reports as an IOException without setsid.
                    return AttemptResult.failed(
                            null, "cannot start " + cfg.command().get(0) + ": " + tail, Map.of());
                }
                return exit == 0
                        ? AttemptResult.succeeded(0, "exit code 0", Map.of())
                        : AttemptResult.failed(
                                exit, "exit code " + exit + (tail.isEmpty() ? "" : ": " + tail), Map.of());
            } catch (TimeoutException e) {
                // still running: check the deadline and cancellation again
            } catch (ExecutionException e) {
                return AttemptResult.failed(null, "wait failed: " + e.getCause(), Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int killed = killTree(p);
        String why =
                a.isCancelled() ? "cancelled" : "timed out after " + a.timeout().toMillis() + " ms";
        if (p.isAlive()) {
            // SIGKILL not acted on within 5 s (e.g. a process stuck in the kernel): it may still run.
            return AttemptResult.timedOut(why + "; the process did not exit after SIGKILL", Map.of())
                    .unstopped();
        }
        return AttemptResult.timedOut(why + "; killed the process and " + (killed - 1) + " descendant(s)", Map.of());
    }

    /**
     * Kills {@code p}, its process group and its descendants; returns how many processes were
     * signalled.
     */
    static int killTree(Process p) {
        Set<ProcessHandle> doomed = new LinkedHashSet<>(p.descendants().toList());
        Set<Long> groups = new LinkedHashSet<>();
        long own = ProcessGroups.groupOf(ProcessHandle.current().pid()).orElse(-1);
        ProcessGroups.groupOf(p.pid()).ifPresent(groups::add);
        doomed.forEach(d -> ProcessGroups.groupOf(d.pid()).ifPresent(groups::add));
        groups.remove(own); // never the bot's own group (no setsid here)
        groups.forEach(g -> doomed.addAll(ProcessGroups.members(g)));
        doomed.remove(p.toHandle());
        groups.forEach(ProcessGroups::kill);
        doomed.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Reported by the caller as a timeout either way.
        }
        return doomed.size() + 1;
    }

    private static String tail(Path out) throws IOException {
        String s = Files.readString(out, StandardCharsets.UTF_8).strip();
        return s.length() <= 300 ? s : "..." + s.substring(s.length() - 300);
    }
}
