package dev.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.AlertWiring;
import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.chat.slack.BlockKitRenderer;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CronCommand;
import dev.cutover.commands.Invocation;
import dev.cutover.commands.Responder;
import dev.cutover.commands.ShiftCommand;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryDnsRecords;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryQueueDepth;
import dev.cutover.memory.InMemoryQueueMetrics;
import dev.cutover.memory.InMemoryScalingHistory;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryTargetGroupTraffic;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.NoPauses;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every list reply at a large config (200 pairs, 500 queues, 200 services, 200 jobs), rendered as
 * Block Kit: within Slack's limits (the renderer fails on a reply that is not), and nothing left
 * out silently: each name is shown or counted in an "…and N more" with the way to see it.
 */
class ListRepliesAtScaleTest {
    static final int PAIRS = 200;
    static final int QUEUES = 500;
    static final int SERVICES = 200;
    static final int JOBS = 200;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void cutoverStatusOfTheWholeConfigStaysWithinLimitsAndLeavesNothingOutSilently() {
        ChatCommand status = cutoverCommand();

        Message all = only(status, "status");
        String shown = checked(all);

        List<String> names = new ArrayList<>();
        IntStream.range(0, PAIRS).forEach(i -> names.add("`pair-" + i + "`"));
        IntStream.range(0, QUEUES).forEach(i -> names.add("`queue-" + i + "`"));
        IntStream.range(0, SERVICES).forEach(i -> names.add("`prod/svc-" + i + "`"));
        long missing = names.stream().filter(n -> !shown.contains(n + ":")).count();
        if (missing > 0) {
            assertThat(shown).contains("…and " + missing + " more — `/cutover status <name prefix>`");
        }
        assertThat(shown).contains("*Swap pairs*", "`pair-0`: blue-0.example.com. → A alias");

        // The filter shows one pair (and whatever else starts with its name) whole.
        String one = checked(only(status, "status pair-17"));
        assertThat(one).contains("`pair-17`:", "starting with `pair-17`").doesNotContain("`pair-18`");
    }

    @Test
    void cronListOfTwoHundredJobsIsPagedAndSaysHowToSeeTheRest() {
        List<JobSpec> jobs = IntStream.range(0, JOBS)
                .mapToObj(i -> Jobs.spec("job-" + i, "0 0/5 * * * ?", new ScriptedTarget(a -> null)))
                .toList();
        CronCommand cron =
                new CronCommand(jobs, null, new InMemoryJobHistory(10), new NoPauses(), clock, g -> Set.of());

        String first = checked(only(cron, "list"));
        assertThat(first).contains("*job-0*", "*job-19*", "Page 1 of 10", "and 180 more: `/cron list 2`");
        assertThat(first).doesNotContain("*job-20*");

        String last = checked(only(cron, "list 10"));
        assertThat(last).contains("*job-199*", "Page 10 of 10").doesNotContain("more:");

        String filtered = checked(only(cron, "list job-1"));
        // job-1, job-10..19, job-100..199: 111 jobs, 6 pages.
        assertThat(filtered).contains("*job-1*", "Page 1 of 6", "and 91 more: `/cron list job-1 2`");

        String beyond = checked(only(cron, "list 11"));
        assertThat(beyond).contains("There are 10 pages of 200 jobs");
    }

    @Test
    void swapAndRollbackRepliesNamingThePairsStayWithinLimitsWithTwoHundredLongNames() {
        List<String> names =
                IntStream.range(0, PAIRS).mapToObj(i -> longName(i, 63)).toList();
        SwapWiring swaps = SwapWiring.build(
                PairCatalogs.of(names.stream().map(ListRepliesAtScaleTest::pair).toList()),
                new InMemoryDnsRecords(clock, Duration.ZERO),
                new InMemoryApprovalStore(),
                new InMemoryAuditLog(),
                g -> Set.of(),
                new dev.cutover.testing.RecordingNotifier(),
                clock,
                () -> "req-1",
                Duration.ofSeconds(1),
                applied -> {},
                Rechecks.NONE);
        ChatCommand swap = swaps.commands().get(0);
        ChatCommand rollback = swaps.commands().get(1);
        String typo = names.get(7).replace("pair-", "pa1r-");

        for (String text : List.of(
                "", "help", "freeze", "unfreeze", "history", "unfreeze a b", "nosuch", "nosuch dry-run", typo)) {
            String shown = immediate(swap, text);
            assertThat(shown).as(text).contains("`" + names.get(0) + "`").containsPattern(MORE_PAIRS);
        }
        for (String text : List.of("", "help", "a b", "nosuch", typo)) {
            assertThat(immediate(rollback, text)).as(text).containsPattern(MORE_PAIRS);
        }
        // A typo is answered with the closest names first.
        assertThat(immediate(swap, typo)).contains("Did you mean `" + names.get(7) + "`");
        assertThat(immediate(rollback, typo)).contains("Did you mean `" + names.get(7) + "`");
    }

    @Test
    void shiftAndCronRepliesNamingPairsAndJobsStayWithinLimitsWithTwoHundredLongNames() {
        Set<String> pairs =
                IntStream.range(0, PAIRS).mapToObj(i -> longName(i, 63)).collect(Collectors.toSet());
        ShiftCommand shift = new ShiftCommand(pairs, null, new dev.cutover.testing.RecordingNotifier(), clock);
        String shown = immediate(shift, "nosuch 50");
        assertThat(shown).contains("Pairs with traffic:").containsPattern(MORE_PAIRS);
        assertThat(immediate(shift, longName(3, 63).replace("pair-", "pa1r-")))
                .contains("Did you mean `" + longName(3, 63) + "`");

        List<JobSpec> jobs = IntStream.range(0, JOBS)
                .mapToObj(i -> Jobs.spec(longName(i, 32), "0 0/5 * * * ?", new ScriptedTarget(a -> null)))
                .toList();
        CronCommand cron =
                new CronCommand(jobs, null, new InMemoryJobHistory(10), new NoPauses(), clock, g -> Set.of());
        for (String text : List.of("", "nosuch", "run nosuch", "history")) {
            assertThat(immediate(cron, text))
                    .as(text)
                    .contains("Jobs: `" + longName(0, 32) + "`")
                    .containsPattern("…and \\d+ more — `/cron list` lists them all");
        }
        assertThat(immediate(cron, "run " + longName(5, 32).replace("pair-", "pa1r-")))
                .contains("Did you mean `" + longName(5, 32) + "`");
    }

    static final java.util.regex.Pattern MORE_PAIRS =
            java.util.regex.Pattern.compile("…and \\d+ more — `/cutover status` lists them all");

    /** A name of exactly {@code length} characters ending with {@code i}: {@code pair-xxx…x-7}. */
    static String longName(int i, int length) {
        String tail = "-" + i;
        return "pair-" + "x".repeat(length - 5 - tail.length()) + tail;
    }

    static SwapPairConfig pair(String name) {
        return new SwapPairConfig(
                name,
                "Z0EXAMPLE",
                "blue.example.com",
                "green.example.com",
                List.of("C0OPS"),
                List.of(),
                List.of("U0BOB0001"),
                1,
                null,
                null,
                null,
                null,
                null);
    }

    /** The reply {@code command} answers {@code text} with before the ack, checked against the limits. */
    static String immediate(ChatCommand command, String text) {
        var r = command.handle(new Invocation(command.name(), text, "U0ALICE01", "C0OPS", new Responder() {
            @Override
            public void ephemeral(Message message) {}

            @Override
            public void replaceOriginal(Message message) {}
        }));
        assertThat(r.ephemeral()).as(text).isNotNull();
        return checked(r.ephemeral());
    }

    @Test
    void theRendererRefusesAnOverLimitMessage() {
        Message.Builder tooMany = Message.builder("x");
        IntStream.range(0, 51).forEach(i -> tooMany.section("s" + i));
        org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class, () -> BlockKitRenderer.render(tooMany.build()));
        org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class, () -> BlockKitRenderer.render(Message.text("y".repeat(3_001))));
    }

    @Test
    void linesBeyondFiftyBlocksAreCountedWithTheWayToSeeThem() {
        List<String> lines = IntStream.range(0, 2_000)
                .mapToObj(i -> "line " + i + " " + "z".repeat(100))
                .toList();

        String shown = checked(Message.builder("many")
                .header("Many")
                .lines(lines, 49, "`/x 2`")
                .build());

        long missing = lines.stream().filter(l -> !shown.contains(l)).count();
        assertThat(missing).isPositive();
        assertThat(shown).endsWith("…and " + missing + " more — `/x 2`");
    }

    /** Renders {@code m} as Block Kit (which fails on an over-limit reply) and returns all its text. */
    static String checked(Message m) {
        assertThat(MessageLimits.violations(m)).isEmpty();
        assertThat(BlockKitRenderer.render(m)).hasSizeLessThanOrEqualTo(MessageLimits.BLOCKS);
        return m.blocks().stream().map(ListRepliesAtScaleTest::text).collect(Collectors.joining("\n"));
    }

    static String text(Block b) {
        if (b instanceof Block.Section s) {
            return s.markdown();
        }
        if (b instanceof Block.Context c) {
            return c.markdown();
        }
        if (b instanceof Block.Header h) {
            return h.text();
        }
        return b.toString();
    }

    /** Runs {@code text} through the command and its follow-up; the one message it answered. */
    static Message only(ChatCommand command, String text) {
        List<Message> shown = new ArrayList<>();
        Responder responder = new Responder() {
            @Override
            public void ephemeral(Message message) {
                shown.add(message);
            }

            @Override
            public void replaceOriginal(Message message) {
                shown.add(message);
            }
        };
        var r = command.handle(new Invocation(command.name(), text, "U0ALICE01", "C0OPS", responder));
        assertThat(r.ephemeral()).as(text).isNull();
        r.followUp().run();
        assertThat(shown).as(text).hasSize(1);
        return shown.get(0);
    }

    ChatCommand cutoverCommand() {
        StringBuilder yaml = new StringBuilder("alerts: { channel: C0ALERTS01 }\npairs:\n");
        InMemoryDnsRecords dns = new InMemoryDnsRecords(clock, Duration.ZERO);
        for (int i = 0; i < PAIRS; i++) {
            yaml.append(
                    "  - { name: pair-%d, zoneId: Z0EXAMPLE, blue: blue-%d.example.com, green: green-%d.example.com, approvers: [U0BOB0001] }\n"
                            .formatted(i, i, i));
            dns.put("Z0EXAMPLE", RecordSet.alias("blue-" + i + ".example.com", "A", alias("blue-alb-" + i)));
            dns.put("Z0EXAMPLE", RecordSet.alias("green-" + i + ".example.com", "A", alias("green-alb-" + i)));
        }
        yaml.append("queues:\n");
        for (int i = 0; i < QUEUES; i++) {
            yaml.append("  - queue: queue-%d\n    steps: [ { threshold: 100, severity: warning } ]\n".formatted(i));
        }
        yaml.append("services:\n");
        for (int i = 0; i < SERVICES; i++) {
            yaml.append("  - { cluster: prod, service: svc-%d }\n".formatted(i));
        }
        CutoverConfig config = new ConfigLoader(new EnvInterpolator(n -> null)).parse("c.yml", yaml.toString());
        InMemoryServiceStatus services = new InMemoryServiceStatus();
        AlertPorts ports = new AlertPorts(
                new InMemoryQueueMetrics(clock),
                new InMemoryQueueDepth(clock),
                services,
                new InMemoryScalingHistory(),
                new InMemoryTargetGroupTraffic(),
                AlertWiring.inMemoryStores());
        AlertWiring alerts = new AlertWiring(
                config,
                ports,
                new dev.cutover.testing.RecordingNotifier(),
                PairCatalogs.of(config.pairs()),
                dns,
                new InMemoryApprovalStore(),
                clock,
                timer,
                timer);
        return alerts.commands().get(0);
    }

    static AliasTarget alias(String alb) {
        return new AliasTarget("Z35SXDOTRQ7X7K", alb + ".us-east-1.elb.amazonaws.com.", false);
    }
}
