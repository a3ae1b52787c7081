package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import dev.cutover.redis.RedisConnections;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * A redis-server of this test's own on a free loopback port, without persistence, for faults that
 * must not touch the shared Redis other tests use: {@code CLIENT PAUSE}, {@code FLUSHDB}, a restart
 * that loses every key, a hung server ({@code SIGSTOP}: connections stay open, nothing answers).
 */
public final class PrivateRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;
    private final List<RedisClient> clients = new CopyOnWriteArrayList<>();

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

    /**
     * A pooled client of this server, closed with it.
     *
     * @param timeout the client's connect and read timeout
     */
    public RedisClient client(Duration timeout) {
        RedisClient c = RedisConnections.open(uri(), timeout, timeout, 8);
        clients.add(c);
        return c;
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

    /** A plain connection for assertions and FLUSHDB. */
    public Jedis admin() {
        return new Jedis("127.0.0.1", port);
    }

    @Override
    public void close() throws Exception {
        clients.forEach(RedisClient::close);
        kill();
    }
}
