package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import dev.cutover.redis.RedisConnections;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * A redis-server of the test's own on a free loopback port, which the test can hang ({@code
 * SIGSTOP}: connections stay open, nothing answers) and resume, without touching the shared Redis
 * other tests use.
 */
public final class PausableRedis implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final RedisClient client;

    /**
     * Starts {@code redis-server} (from the PATH) without persistence and waits for its PING.
     *
     * @param timeout the client's connect and read timeout
     */
    public PausableRedis(Duration timeout) throws IOException {
        int port = freePort();
        this.dir = Files.createTempDirectory("pausable-redis");
        this.process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        this.client = RedisConnections.open(URI.create("redis://127.0.0.1:" + port), timeout, timeout, 8);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "PONG".equals(client.ping()));
    }

    /** A pooled client of this server. */
    public RedisClient client() {
        return client;
    }

    /** Hangs the server: it keeps its connections and answers nothing until {@link #resume}. */
    public void hang() {
        signal("STOP");
    }

    /** Lets a hung server answer again. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        resume();
        client.close();
        process.destroyForcibly();
        try {
            process.waitFor();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temp dir left behind is harmless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
