package dev.cutover.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM under test in its own process: its CPU time and resident memory read from /proc. */
final class JvmProcess implements AutoCloseable {
    private static final double TICK_MS = 10; // CLK_TCK is 100 on Linux x86-64 and arm64

    final Process process;
    final long startedNanos;

    private JvmProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code command}, its output appended to {@code log}. */
    static JvmProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.directory(new File("."));
        long t0 = System.nanoTime();
        return new JvmProcess(pb.start(), t0);
    }

    /** User + system CPU time so far, in milliseconds (fields 14 and 15 of /proc/<pid>/stat). */
    double cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
    }

    /** Resident set size in MiB (VmRSS of /proc/<pid>/status). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** Classes loaded so far, from {@code jstat -class} (the JDK's own tool). */
    double classesLoaded() throws IOException, InterruptedException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        Process p = new ProcessBuilder(jstat.toString(), "-class", Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String[] lines = out.strip().split("\n");
        return Double.parseDouble(lines[lines.length - 1].trim().split("\\s+")[0]);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
