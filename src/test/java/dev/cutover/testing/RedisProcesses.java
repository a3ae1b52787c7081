package dev.cutover.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Extra redis-server processes a test set-up starts on free loopback ports, killed when the test JVM
 * exits (they hold no data worth keeping: no persistence). Shared by the cluster and TLS servers.
 */
final class RedisProcesses {
    private static final List<Process> started = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RedisProcesses::killAll, "redis-test-servers"));
    }

    private RedisProcesses() {}

    /** A loopback port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }

    /** A new empty directory for one server's files. */
    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code redis-server} with {@code args} (config directives as {@code --name value}),
     * without persistence, its output in {@code dir/redis.log}; returns at once.
     */
    static synchronized Process start(Path dir, List<String> args) {
        List<String> command =
                new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is it installed?)", e);
        }
    }

    /**
     * Runs a tool to completion and returns its output.
     *
     * @throws IllegalStateException when it exits with a non-zero status or takes over 60 s
     */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void killAll() {
        started.forEach(Process::destroyForcibly);
    }
}
