package dev.cutover.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack Web API calls during a busy cutover: the bot's jar runs {@code bench/busy-cutover.script}
 * in the sandbox with production pacing (four people watching their Home tabs through a swap, a
 * rollback, a progressive shift, a flapping queue and alarms), and its {@code slack-calls} table
 * gives each method's busiest minute, set against Slack's published per-method limit.
 *
 * @see <a href="https://api.slack.com/apis/rate-limits">Slack: rate limits</a>
 */
final class SlackCallsBench {
    private static final Pattern ROW =
            Pattern.compile("^\\s*(?:\\S+> )?([a-zA-Z_.]+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+) \\(([^)]+)\\): (within|OVER)$");

    private final Samples samples;
    private final Path work;
    private final String botJar;
    private final int rounds;

    SlackCallsBench(Samples samples, Path work, String botJar, int rounds) {
        this.samples = samples;
        this.work = work;
        this.botJar = botJar;
        this.rounds = rounds;
    }

    void run(Table table) throws Exception {
        Map<String, String> limits = new TreeMap<>();
        Map<String, Double> totals = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            Path log = work.resolve("slack-calls-" + r + ".log");
            Process p = new ProcessBuilder(
                            Suite.java(),
                            "-jar",
                            botJar,
                            "sandbox",
                            "--production-pacing",
                            "--script",
                            "bench/busy-cutover.script")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the busy cutover script failed; see " + log);
            }
            List<String> lines = Files.readAllLines(log);
            for (String line : lines) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    String method = m.group(1);
                    samples.add("slack." + method + ".busiest", Double.parseDouble(m.group(3)));
                    totals.merge(method, Double.parseDouble(m.group(2)), Double::sum);
                    limits.put(method, m.group(4) + "/min (" + m.group(5) + ")");
                }
            }
            System.out.println("slack round " + (r + 1) + "/" + rounds + ", load " + Samples.load());
        }
        limits.forEach((method, limit) -> {
            String name = "slack." + method + ".busiest";
            double busiest = samples.median(name);
            double perMinute = Double.parseDouble(limit.substring(0, limit.indexOf('/')));
            table.text(
                    "Slack " + method + ", busiest minute of a busy cutover",
                    Table.num(busiest) + " calls (" + samples.range(name) + "; "
                            + String.format(Locale.ROOT, "%.0f", totals.get(method) / rounds) + " in the run)",
                    "Slack's limit: " + limit,
                    Table.num(busiest / perMinute),
                    busiest <= perMinute ? "≤ 1 met" : "≤ 1 MISSED",
                    Table.num(samples.load(name)));
        });
    }
}
