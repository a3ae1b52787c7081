package dev.cutover.bench;

/** The HTTP rows of the table, with the targets. */
final class HttpFigures {
    private HttpFigures() {}

    static void addTo(Table t) {
        for (String cmd : new String[] {"history", "dryrun"}) {
            String label = cmd.equals("history") ? "`/swap history <pair>`" : "`/swap <pair> dry-run`";
            for (String clients : new String[] {"1", "50"}) {
                for (String p : new String[] {"p50", "p99"}) {
                    String key = "." + cmd + "." + clients + "." + p + ".ms";
                    t.ratio(
                            "ack " + p + ", " + clients + " client" + (clients.equals("1") ? "" : "s") + ", " + label
                                    + " vs bare Bolt",
                            "bot" + key,
                            "bare" + key,
                            "ms",
                            p.equals("p99") ? 1.2 : Double.NaN);
                }
            }
        }
        // The floor does a dry run's follow-up calls too: its ack shares the CPUs with the same work.
        for (String clients : new String[] {"1", "50"}) {
            String key = ".dryrun." + clients + ".p99.ms";
            t.ratio(
                    "ack p99, " + clients + " client" + (clients.equals("1") ? "" : "s")
                            + ", `/swap <pair> dry-run` vs floor harness (same follow-up calls)",
                    "bot" + key,
                    "floor" + key,
                    "ms",
                    Double.NaN);
        }
        t.ratio(
                "CPU per dry run (ack + follow-up) vs floor harness",
                "bot.cpu.per.dryrun.ms",
                "floor.cpu.per.dryrun.ms",
                "ms",
                1.3);
        t.ratio(
                "CPU per command, bare Bolt ack only (for scale)",
                "bare.cpu.per.dryrun.ms",
                "floor.cpu.per.dryrun.ms",
                "ms",
                Double.NaN);
        t.ratio(
                "start → first 200 on a signed request, -Xmx128m, vs bare Bolt",
                "bot.ready.ms",
                "bare.ready.ms",
                "ms",
                1.3);
        t.ratio(
                "start → first 200, with an AppCDS archive of the bot, vs bare Bolt (no archive)",
                "botcds.ready.ms",
                "bare.ready.ms",
                "ms",
                1.3);
        t.ratio(
                "RSS after load with the AppCDS archive vs bare Bolt",
                "botcds.rss.mib",
                "bare.rss.mib",
                "MiB",
                Double.NaN);
        t.absolute("RSS after load with the AppCDS archive (absolute)", "botcds.rss.mib", "MiB", "target 224 MiB", 224);
        t.ratio("classes loaded at ready vs bare Bolt", "bot.classes", "bare.classes", "", Double.NaN);
        t.ratio("RSS after 50-client load, -Xmx128m, vs bare Bolt", "bot.rss.mib", "bare.rss.mib", "MiB", Double.NaN);
        t.absolute("RSS after 50-client load, -Xmx128m (absolute)", "bot.rss.mib", "MiB", "target 224 MiB", 224);
    }
}
