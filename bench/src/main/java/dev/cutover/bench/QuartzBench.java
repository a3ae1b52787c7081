package dev.cutover.bench;

import dev.cutover.app.JobTargets;
import dev.cutover.app.JobWiring;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz fire delay (actual start − scheduled fire time) of an every-second job among 1,000
 * registered jobs (999 daily): the bot's scheduler (config parsed from YAML, RAM store, in-process
 * lock, claims and history, the start stamped by its runner) against bare Quartz 2.5.2 with the same
 * RAMJobStore and thread count, whose job stamps the start itself.
 */
final class QuartzBench {
    private static final int JOBS = 1000;
    private static final int WARM_UP_FIRES = 2;
    private static final ConcurrentLinkedQueue<Long> BARE_DELAYS = new ConcurrentLinkedQueue<>();

    private final Samples samples;
    private final int rounds;
    private final Duration each = Duration.ofSeconds(Integer.getInteger("quartzSeconds", 20));
    private final String hookUrl;

    QuartzBench(Samples samples, FakeCloud fake, int rounds) {
        this.samples = samples;
        this.rounds = rounds;
        this.hookUrl = fake.base() + "/response/job";
    }

    void run(Table table) throws Exception {
        for (int r = 0; r < rounds; r++) {
            System.out.println("quartz round " + (r + 1) + "/" + rounds + ", load " + Samples.load());
            if (r % 2 == 0) {
                cutover();
                bare();
            } else {
                bare();
                cutover();
            }
        }
        table.ratio(
                "Quartz fire delay p50, every-second job among 1,000, vs bare Quartz",
                "cutover.fire.p50.ms",
                "bare.fire.p50.ms",
                "ms",
                Double.NaN);
        table.ratio(
                "Quartz fire delay p99, every-second job among 1,000, vs bare Quartz",
                "cutover.fire.p99.ms",
                "bare.fire.p99.ms",
                "ms",
                1.1);
    }

    private void cutover() throws Exception {
        StringBuilder yaml = new StringBuilder(
                """
                slack:
                  mode: http
                  botToken: xoxb-bench
                  signingSecret: bench
                scheduler:
                  store: ram
                  timeZone: UTC
                jobs:
                  - name: every-second
                    cron: "* * * * * ?"
                    target: { type: http, method: POST, url: "%s" }
                    timeout: 10s
                """
                        .formatted(hookUrl));
        for (int i = 1; i < JOBS; i++) {
            yaml.append(
                    """
                      - name: daily-%d
                        cron: "0 %d %d * * ?"
                        target: { type: http, method: POST, url: "%s" }
                        timeout: 10s
                    """
                            .formatted(i, i % 60, (i / 60 + 12) % 24, hookUrl));
        }
        CutoverConfig config =
                new ConfigLoader(new EnvInterpolator(System::getenv)).parse("bench.yml", yaml.toString());
        Clock clock = Clock.systemUTC();
        JobWiring.Jobs jobs = JobWiring.build(
                config,
                JobWiring.inProcess(config, clock, JobTargets.withoutAws()),
                new SilentNotifier(),
                clock,
                group -> Set.of(),
                "bench");
        jobs.scheduling().start();
        try {
            Thread.sleep(each.toMillis());
        } finally {
            jobs.scheduling().close();
        }
        // One delay per slot (the first handling of it), oldest first.
        java.util.TreeMap<java.time.Instant, Long> bySlot = new java.util.TreeMap<>();
        for (RunRecord run : jobs.scheduling().history().recent("every-second", 1000)) {
            bySlot.merge(
                    run.slot(), Duration.between(run.slot(), run.startedAt()).toNanos() / 1000, Math::min);
        }
        record("cutover", new ArrayList<>(bySlot.values()));
    }

    private void bare() throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bare-" + System.nanoTime());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        BARE_DELAYS.clear();
        s.scheduleJob(
                JobBuilder.newJob(Stamp.class).withIdentity("every-second").build(),
                TriggerBuilder.newTrigger()
                        .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?"))
                        .build());
        for (int i = 1; i < JOBS; i++) {
            s.scheduleJob(
                    JobBuilder.newJob(Stamp.class).withIdentity("daily-" + i).build(),
                    TriggerBuilder.newTrigger()
                            .withSchedule(CronScheduleBuilder.cronSchedule(
                                    "0 " + (i % 60) + " " + ((i / 60 + 12) % 24) + " * * ?"))
                            .build());
        }
        s.start();
        try {
            Thread.sleep(each.toMillis());
        } finally {
            s.shutdown(true);
        }
        record("bare", new ArrayList<>(BARE_DELAYS));
    }

    /** Records the delays but the first {@value #WARM_UP_FIRES} (class loading, JIT). */
    private void record(String who, List<Long> delaysMicros) {
        Histogram h = new Histogram(60_000_000L, 3);
        delaysMicros.stream().skip(WARM_UP_FIRES).forEach(d -> h.recordValue(Math.max(0, d)));
        samples.add(who + ".fire.p50.ms", h.getValueAtPercentile(50) / 1000.0);
        samples.add(who + ".fire.p99.ms", h.getValueAtPercentile(99) / 1000.0);
    }

    /** The bare job: stamps its own delay. */
    public static final class Stamp implements Job {
        @Override
        public void execute(JobExecutionContext ctx) {
            // Instant.now() has microseconds on Linux, like the bot runner's clock.
            BARE_DELAYS.add(ChronoUnit.MICROS.between(ctx.getScheduledFireTime().toInstant(), Instant.now()));
        }
    }

    private static final class SilentNotifier implements Notifier {
        @Override
        public MessageRef post(String channel, Message message) {
            return new MessageRef(channel, "1700000000.000100");
        }

        @Override
        public MessageRef reply(MessageRef parent, Message message) {
            return parent;
        }

        @Override
        public void update(MessageRef ref, Message message) {}

        @Override
        public void update(MessageRef ref, java.util.function.Supplier<Message> current) {}
    }
}
