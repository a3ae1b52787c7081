package dev.cutover.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackTestHttp;
import dev.cutover.chat.slack.SlackTestSigner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code serve} process of the shaded jar ({@code target/cutover-bot.jar}, built by the
 * package phase) with its config file and its output in a log file: started, signalled (SIGTERM,
 * SIGKILL) and posted to as Slack would, with requests signed with {@link
 * SlackTestSigner#TEST_SIGNING_SECRET}. {@link #close()} kills it if it still runs.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening for Slack requests on port (\\d+)");

    private final Process process;
    private final Path log;
    private final SlackTestSigner signer = new SlackTestSigner(SlackTestSigner.TEST_SIGNING_SECRET);
    private SlackTestHttp http;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Writes {@code yaml} to {@code <dir>/<name>.yml} and starts {@code serve} on it, with {@code env}
     * added to this JVM's environment (e.g. test AWS credentials).
     */
    public static ServeProcess start(Path dir, String name, String yaml, Map<String, String> env) {
        try {
            Path config = dir.resolve(name + ".yml");
            Files.writeString(config, yaml);
            Path log = dir.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(
                            javaBin(),
                            "-jar",
                            Path.of("target", "cutover-bot.jar").toString(),
                            "serve",
                            "--config",
                            config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            return new ServeProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (up to 60 s) until the HTTP server listens, and returns its port. */
    public int awaitListening() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> LISTENING.matcher(log()).find() || !process.isAlive());
        Matcher m = LISTENING.matcher(log());
        if (!m.find()) {
            throw new AssertionError("serve did not start:\n" + log());
        }
        int port = Integer.parseInt(m.group(1));
        http = new SlackTestHttp("http://127.0.0.1:" + port);
        return port;
    }

    /** POSTs {@code body} to {@code /slack/events}, signed now; call {@link #awaitListening()} first. */
    public HttpResponse<String> post(byte[] body) {
        return http.postForm(
                SlackHttpServer.DEFAULT_PATH, body, signer.headers(Instant.now().getEpochSecond(), body));
    }

    /** Sends SIGTERM, as every deploy does. */
    public void sigterm() {
        process.destroy();
    }

    /**
     * Sends SIGTERM, runs {@code afterSignal}, and checks that the process exits with status 0 within
     * {@code within} of the signal.
     *
     * @return how long the process took to exit after the signal
     */
    public Duration sigtermAndAwaitCleanExit(Duration within, Runnable afterSignal) throws InterruptedException {
        long sent = System.nanoTime();
        sigterm();
        afterSignal.run();
        assertThat(awaitExit(within.plusSeconds(1))).as(log()).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(exitValue()).as(log()).isZero();
        assertThat(took).as(log()).isLessThan(within);
        return took;
    }

    /** Sends SIGKILL: the process dies at once, as after the grace or on a crash. */
    public void sigkill() {
        process.destroyForcibly();
    }

    /** Waits up to {@code within} for the process to exit; true when it did. */
    public boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the log that contain {@code text}. */
    public List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : log().split("\n")) {
            if (line.contains(text)) {
                out.add(line);
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The java launcher of this JVM. */
    public static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
