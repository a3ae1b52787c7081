package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A redis-server of this test's own on a free loopback port, without persistence, for faults that
 * must not touch the shared Redis other tests use: {@code CLIENT PAUSE}, {@code FLUSHDB}, a restart
 * that loses every key.
 */
public final class PrivateRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    public PrivateRedis() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("private-redis");
        start();
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Starts the server (again) on the same port, empty; returns once it answers PING. */
    public void start() throws IOException {
        process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
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
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                return "PONG".equals(j.ping());
            }
        });
    }

    /** Kills the server; every key is gone (no persistence). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills and starts the server: a restart without persistence. */
    public void restart() throws Exception {
        kill();
        start();
    }

    /** Runs {@code CLIENT PAUSE millis ALL}: every client's commands wait that long. */
    public void pause(Duration d) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            j.clientPause(d.toMillis());
        }
    }

    /** A plain connection for assertions and FLUSHDB. */
    public Jedis admin() {
        return new Jedis("127.0.0.1", port);
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
