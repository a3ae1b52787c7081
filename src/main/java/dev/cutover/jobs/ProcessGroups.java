package dev.cutover.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Process groups on Linux, read from {@code /proc/<pid>/stat} (proc(5): the fifth field is the
 * process group). Java signals single processes only, and {@link ProcessHandle#descendants()} loses a
 * double-forked process ({@code ( sleep 1001 & )}) once its parent exits and it is re-parented; the
 * process group keeps it, so a command started with {@code setsid} is killed as a whole group.
 */
final class ProcessGroups {
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    private ProcessGroups() {}

    /** {@code setsid}, to start a command as the leader of its own session and process group; null if absent. */
    static Path setsid() {
        return SETSID;
    }

    /** The process group of {@code pid}, or empty when it is gone (or there is no {@code /proc}). */
    static OptionalLong groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[2]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The live processes of group {@code pgid}. */
    static List<ProcessHandle> members(long pgid) {
        return ProcessHandle.allProcesses()
                .filter(h -> groupOf(h.pid()).orElse(-1) == pgid)
                .toList();
    }

    /**
     * Sends SIGKILL to every process of group {@code pgid} ({@code kill -KILL -- -pgid}, one
     * {@code kill(2)} for the whole group, so a member forking meanwhile cannot escape), then to any
     * member still listed.
     */
    static void kill(long pgid) {
        try {
            Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1) here: signal the members one by one below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members(pgid).forEach(ProcessHandle::destroyForcibly);
    }
}
