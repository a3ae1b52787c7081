package dev.cutover.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The HTTP figures: each round starts, in fresh JVMs with {@code -Xmx128m} and in alternating order,
 * the bot ({@code serve}, {@code slack.mode: http}), the bare Bolt app and the floor harness; times
 * start → first 200 on a signed request, the ack latency of signed slash commands at 1 and 50
 * clients, the CPU per dry run (ack + follow-up) and the RSS after load.
 */
final class HttpBench {
    static final String HISTORY = "history blue-green";
    static final String DRY_RUN = "blue-green dry-run";
    private static final Map<String, String> ENV = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDBENCHBENCHBENCH",
            "AWS_SECRET_ACCESS_KEY", "bench-secret",
            "AWS_EC2_METADATA_DISABLED", "true");

    private final Samples samples;
    private final FakeCloud fake;
    private final Path work;
    private final String botJar;
    private final String benchClasspath;
    private final String redisUrl;
    private final int requests;

    HttpBench(
            Samples samples,
            FakeCloud fake,
            Path work,
            String botJar,
            String benchClasspath,
            String redisUrl,
            int requests) {
        this.samples = samples;
        this.fake = fake;
        this.work = work;
        this.botJar = botJar;
        this.benchClasspath = benchClasspath;
        this.redisUrl = redisUrl;
        this.requests = requests;
    }

    /**
     * Trains a dynamic class-data-sharing archive of the bot (the classes of a start and of both
     * commands, written when the JVM exits) for the {@code botcds} target.
     */
    void trainCds() throws Exception {
        Path jsa = work.resolve("bot.jsa");
        int port = freePort();
        List<String> cmd = List.of(
                Suite.java(),
                "-Xmx128m",
                "-XX:ArchiveClassesAtExit=" + jsa,
                "-jar",
                botJar,
                "serve",
                "--config",
                config(port).toString());
        SignedCommands client = new SignedCommands(port, fake.base() + "/response/");
        try (JvmProcess p = JvmProcess.start(cmd, ENV, work.resolve("cds-training.log"))) {
            awaitReady(p, client);
            for (int i = 0; i < 50; i++) {
                client.send("/swap", HISTORY);
                client.send("/swap", DRY_RUN);
            }
            settle();
        }
        if (!Files.exists(jsa)) {
            throw new IllegalStateException("no CDS archive written; see cds-training.log");
        }
    }

    void round(int round) throws Exception {
        List<String> order = new ArrayList<>(List.of("bot", "bare", "botcds", "floor"));
        for (int i = 0; i < round % order.size(); i++) {
            order.add(order.remove(0));
        }
        for (String target : order) {
            measure(target);
        }
    }

    private void measure(String target) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Suite.java(), "-Xmx128m"));
        if (target.equals("botcds")) {
            cmd.addAll(List.of(
                    "-XX:SharedArchiveFile=" + work.resolve("bot.jsa"),
                    "-jar",
                    botJar,
                    "serve",
                    "--config",
                    config(port).toString()));
        } else if (target.equals("bot")) {
            // e.g. -XX:SharedArchiveFile=... to measure a class-data-sharing archive
            String extra = System.getProperty("botJvmArgs", "").strip();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            cmd.addAll(List.of("-jar", botJar, "serve", "--config", config(port).toString()));
        } else {
            cmd.addAll(List.of(
                    "-cp", benchClasspath, BareBoltApp.class.getName(), target, Integer.toString(port), fake.base()));
        }
        SignedCommands client = new SignedCommands(port, fake.base() + "/response/");
        try (JvmProcess p = JvmProcess.start(cmd, ENV, work.resolve(target + ".log"))) {
            samples.add(target + ".ready.ms", awaitReady(p, client));
            samples.add(target + ".classes", p.classesLoaded());
            // Warm-up: both commands, so the JIT has seen the paths measured below.
            for (int i = 0; i < requests; i++) {
                client.send("/swap", HISTORY);
                client.send("/swap", DRY_RUN);
            }
            settle();
            double cpu0 = p.cpuMillis();
            int answered0 = fake.responses.get();
            Histogram dry1 = run(client, 1, DRY_RUN, requests);
            settle();
            int answered = fake.responses.get() - answered0;
            if (!target.equals("bare") && answered < requests) {
                throw new IllegalStateException(
                        target + " answered " + answered + " of " + requests + " dry runs; see its log");
            }
            samples.add(target + ".cpu.per.dryrun.ms", (p.cpuMillis() - cpu0) / requests);
            Histogram hist1 = run(client, 1, HISTORY, requests);
            Histogram dry50 = run(client, 50, DRY_RUN, requests * 2);
            Histogram hist50 = run(client, 50, HISTORY, requests * 2);
            settle();
            samples.add(target + ".rss.mib", p.rssMiB());
            record(target + ".dryrun.1", dry1);
            record(target + ".history.1", hist1);
            record(target + ".dryrun.50", dry50);
            record(target + ".history.50", hist50);
        }
    }

    private void record(String name, Histogram h) {
        samples.add(name + ".p50.ms", h.getValueAtPercentile(50) / 1000.0);
        samples.add(name + ".p99.ms", h.getValueAtPercentile(99) / 1000.0);
    }

    /** Milliseconds from process start to the first 200 on a signed slash command. */
    private static double awaitReady(JvmProcess p, SignedCommands client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.process.isAlive()) {
                throw new IllegalStateException("the process under test exited: " + p.process.exitValue());
            }
            try {
                if (client.send("/swap", HISTORY) == 200) {
                    return (System.nanoTime() - p.startedNanos) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not ready after 60 s");
    }

    /** {@code total} requests from {@code clients} closed-loop clients; ack latency in µs. */
    private static Histogram run(SignedCommands client, int clients, String text, int total) throws Exception {
        Histogram all = new Histogram(60_000_000L, 3);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Histogram>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int n = Math.max(2, total / clients);
                parts.add(pool.submit(() -> {
                    Histogram h = new Histogram(60_000_000L, 3);
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        int status = client.send("/swap", text);
                        h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        if (status != 200) {
                            throw new IllegalStateException("status " + status + " for /swap " + text);
                        }
                    }
                    return h;
                }));
            }
            for (Future<Histogram> f : parts) {
                all.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    /** Lets follow-ups of the last commands finish before CPU or memory is read. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    private Path config(int port) throws IOException {
        Path file = work.resolve("cutover-bench-" + port + ".yml");
        Files.writeString(
                file,
                """
                slack:
                  mode: http
                  botToken: xoxb-bench
                  signingSecret: %s
                  httpPort: %d
                  apiBaseUrl: %s/api/
                aws:
                  region: us-east-1
                  endpointOverride: %s
                redis:
                  url: %s
                pairs:
                  - name: blue-green
                    zoneId: %s
                    blue: blue.example.com
                    green: green.example.com
                    channels: [%s]
                    approvers: [U0000000002]
                """
                        .formatted(
                                SignedCommands.SECRET,
                                port,
                                fake.base(),
                                fake.base(),
                                redisUrl,
                                FakeCloud.ZONE,
                                SignedCommands.CHANNEL));
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
