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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local process, the {@code command} job target (sandbox and development). The environment gets {@code CUTOVER_FIRE_ID},
 * {@code CUTOVER_FENCING_TOKEN} and {@code CUTOVER_ATTEMPT}. On timeout or cancellation the process
 * and all its descendants are killed ({@link ProcessHandle#descendants()}, taken before the parent
 * dies, since orphans are re-parented and no longer listed), like {@code timeout(1)} with a process
 * group would.
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
        ProcessBuilder pb =
                new ProcessBuilder(cfg.command()).redirectErrorStream(true).redirectOutput(out);
        if (cfg.workingDirectory() != null) {
            pb.directory(new File(cfg.workingDirectory()));
        }
        pb.environment().putAll(cfg.environment());
        pb.environment().put("CUTOVER_FIRE_ID", a.fire().key());
        pb.environment().put("CUTOVER_FENCING_TOKEN", Long.toString(a.fencingToken()));
        pb.environment().put("CUTOVER_ATTEMPT", Integer.toString(a.number()));
        return pb.start();
    }

    private AttemptResult waitFor(Process p, Attempt a, Path out) throws IOException {
        long deadline = System.nanoTime() + a.timeout().toNanos();
        while (System.nanoTime() < deadline && !a.isCancelled()) {
            try {
                int exit = p.onExit().get(SLICE_MS, TimeUnit.MILLISECONDS).exitValue();
                String tail = tail(out);
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
        return AttemptResult.timedOut(why + "; killed the process and " + (killed - 1) + " descendant(s)", Map.of());
    }

    /** Kills {@code p} and its descendants; returns how many processes were signalled. */
    static int killTree(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Reported by the caller as a timeout either way.
        }
        return tree.size() + 1;
    }

    private static String tail(Path out) throws IOException {
        String s = Files.readString(out, StandardCharsets.UTF_8).strip();
        return s.length() <= 300 ? s : "..." + s.substring(s.length() - 300);
    }
}
