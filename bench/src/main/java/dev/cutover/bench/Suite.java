package dev.cutover.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Runs the whole suite and prints the table (also written to {@code bench/target/results.md}).
 *
 * <p>System properties: {@code rounds} (default 5), {@code requests} per phase (default 400),
 * {@code redis} (URL of the Redis the lock figures and the bot use; a dedicated one, so INFO
 * commandstats counts only this suite), {@code botJar}, {@code only} (comma list of http, lock,
 * poll, slack, quartz).
 */
public final class Suite {
    private Suite() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 5);
        int requests = Integer.getInteger("requests", 400);
        String redis = System.getProperty("redis", "redis://127.0.0.1:6390");
        String botJar = System.getProperty("botJar", "target/cutover-bot.jar");
        String only = System.getProperty("only", "http,lock,poll,slack,quartz");
        Path work = Path.of(System.getProperty("work", "bench/target/run"));
        Files.createDirectories(work);
        Samples samples = new Samples();
        Table table = new Table(samples);
        String header = header(rounds);
        System.out.println(header);

        try (FakeCloud fake = new FakeCloud()) {
            // A section that fails is reported and skipped: the others' figures still print.
            if (only.contains("http")) {
                section("http", () -> {
                    HttpBench http = new HttpBench(
                            samples, fake, work, botJar, System.getProperty("java.class.path"), redis, requests);
                    http.trainCds();
                    for (int r = 0; r < rounds; r++) {
                        System.out.println("http round " + (r + 1) + "/" + rounds + ", load " + Samples.load());
                        http.round(r);
                    }
                });
                HttpFigures.addTo(table);
            }
            if (only.contains("lock")) {
                section("lock", () -> new LockBench(samples, redis, rounds).run(table));
            }
            if (only.contains("poll")) {
                section("poll", () -> new PollBench(samples, fake, rounds).run(table));
            }
            if (only.contains("slack")) {
                section("slack", () -> new SlackCallsBench(samples, work, botJar, 1).run(table));
            }
            if (only.contains("quartz")) {
                section("quartz", () -> new QuartzBench(samples, fake, rounds).run(table));
            }
        }
        String out = header + "\n\n" + table.markdown();
        System.out.println();
        System.out.println(out);
        Files.writeString(Path.of("bench/target/results.md"), out);
    }

    private static String header(int rounds) throws Exception {
        Runtime rt = Runtime.getRuntime();
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 2))
                .orElse("unknown CPU");
        return String.format(
                Locale.ROOT,
                "Run %s: %d rounds; %s, %d cores, %d MiB; Java %s; load average at start %.2f",
                Instant.now().toString().substring(0, 16) + "Z",
                rounds,
                cpu,
                rt.availableProcessors(),
                Files.readAllLines(Path.of("/proc/meminfo")).stream()
                                .filter(l -> l.startsWith("MemTotal"))
                                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                                .findFirst()
                                .orElse(0)
                        / 1024,
                System.getProperty("java.version"),
                Samples.load());
    }

    private interface Section {
        void run() throws Exception;
    }

    private static void section(String name, Section s) {
        long t0 = System.nanoTime();
        try {
            s.run();
        } catch (Exception e) {
            System.out.println("section " + name + " failed: " + e);
            e.printStackTrace(System.out);
        }
        System.out.printf(Locale.ROOT, "section %s took %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    /** This JVM's java launcher, for the processes under test. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
