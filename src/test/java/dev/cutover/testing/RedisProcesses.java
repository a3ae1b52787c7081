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
     * Runs tools side by side to completion.
     *
     * @throws IllegalStateException when one exits with a non-zero status (its output in the
     *     message) or takes over 60 s
     */
    static void runAll(List<List<String>> commands) {
        List<Process> running = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                // Output to a file, not a pipe: reading a pipe would wait for a hung tool forever.
                Path out = Files.createTempFile("redis-tool", ".log");
                outputs.add(out);
                running.add(new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start());
            }
            for (int i = 0; i < running.size(); i++) {
                Process p = running.get(i);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(
                            String.join(" ", commands.get(i)) + " failed: " + Files.readString(outputs.get(i)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + commands.get(running.size()).get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.forEach(Process::destroyForcibly);
        }
    }

    private static synchronized void killAll() {
        started.forEach(Process::destroyForcibly);
    }
}
