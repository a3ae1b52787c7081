package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.commands.ActionInvocation;
import dev.cutover.commands.CommandResult;
import dev.cutover.commands.CutoverRollbackAction;
import dev.cutover.commands.Responder;
import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.Traffic;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.memory.InMemoryTargetGroupTraffic;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cutover watch over in-memory traffic and service ports and a clock the test moves, with the
 * real swap workflow behind the Roll back button.
 */
class CutoverWatchTest {
    static final String PAIR = "blue-green";
    static final String TG = "targetgroup/green-tg/0123456789abcdef";
    static final String CHANNEL = "C0DEPLOY01";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final RecordingNotifier chat = new RecordingNotifier();
    final InMemoryTargetGroupTraffic traffic = new InMemoryTargetGroupTraffic();
    final InMemoryServiceStatus services = new InMemoryServiceStatus();
    final CountDownLatch insync = new CountDownLatch(1);
    final InMemoryApprovalStore store = new InMemoryApprovalStore();
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final ExecutorService blocking = Executors.newCachedThreadPool();
    final DnsRecords dns =
            gatedInsync(new Route53DnsRecords(SandboxAccount.route53(clock, Duration.ZERO), Duration.ofMillis(10)));
    final SwapPlanner planner = new SwapPlanner(dns);
    final AtomicInteger ids = new AtomicInteger();
    final CutoverWatch watch = new CutoverWatch(
            new CutoverWatchSettings(
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(1),
                    0.05,
                    1.0,
                    20,
                    List.of(new CutoverWatchSettings.Side(
                            "green-alb", "app/green-alb/0123456789abcdef", TG, "prod", "api-green"))),
            traffic,
            services,
            dns,
            chat,
            applied -> Optional.of(CHANNEL),
            clock,
            timer,
            blocking);
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final SwapWiring swaps = SwapWiring.build(
            PairCatalogs.of(List.of(new SwapPairConfig(
                    PAIR,
                    SandboxAccount.ZONE_ID,
                    "blue.example.com",
                    "green.example.com",
                    List.of(),
                    List.of(),
                    List.of("U0BOB0001"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))),
            dns,
            store,
            audit,
            group -> Set.of(),
            chat,
            clock,
            () -> "req" + ids.incrementAndGet(),
            Duration.ofSeconds(5),
            watch::applied,
            Rechecks.NONE);

    @AfterEach
    void stop() throws InterruptedException {
        insync.countDown();
        watch.close();
        timer.shutdownNow();
        blocking.shutdownNow();
        blocking.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Route 53 that reports INSYNC only once the test opens {@link #insync}. */
    DnsRecords gatedInsync(DnsRecords real) {
        return new DnsRecords() {
            @Override
            public List<RecordSet> read(String zoneId, String name) {
                return real.read(zoneId, name);
            }

            @Override
            public String submit(String zoneId, List<RecordChange> changes, String comment) {
                return real.submit(zoneId, changes, comment);
            }

            @Override
            public Duration awaitInsync(String changeId, Duration timeout) {
                try {
                    insync.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.awaitInsync(changeId, timeout);
            }
        };
    }

    /** Applies a swap the way SwapApply does: submit, record, tell the listeners (the watch). */
    AppliedSwap applySwap() {
        SwapPlan plan =
                planner.plan(swaps.workflow().pairs().find(PAIR).orElseThrow().pair());
        AppliedSwap applied = new AppliedSwap(
                "req0", plan, dns.submit(plan.pair().zoneId(), plan.changes(), "test swap"), clock.instant());
        store.recordApplied(PAIR, applied);
        watch.applied(applied);
        return applied;
    }

    static Optional<Button> rollbackButton(Message m) {
        return m.blocks().stream()
                .filter(b -> b instanceof Block.Actions)
                .flatMap(b -> ((Block.Actions) b).buttons().stream())
                .filter(b -> b.actionId().equals(CutoverRollbackAction.ACTION_ID))
                .findFirst();
    }

    @Test
    void aCrossedThresholdPostsARollBackButtonWhoseClickRequestsTheRollback() {
        traffic.set(TG, new Traffic(200, 30, OptionalDouble.of(0.25)));
        services.set("prod", "api-green", new ServiceCounts(2, 2, 0));
        applySwap();

        await().atMost(Duration.ofSeconds(5)).until(() -> chat.of("reply").stream()
                .anyMatch(c -> rollbackButton(c.message()).isPresent()));
        RecordingNotifier.Call alert = chat.of("reply").stream()
                .filter(c -> rollbackButton(c.message()).isPresent())
                .findFirst()
                .orElseThrow();
        assertThat(alert.message().text()).contains("5XX error rate 15.0% (30 of 200 requests) is above 5.0%");
        assertThat(alert.target()).isEqualTo(chat.of("post").get(0).ref().ts());
        Button button = rollbackButton(alert.message()).orElseThrow();
        assertThat(button.value()).isEqualTo(PAIR);
        assertThat(button.style()).isEqualTo(Button.Style.DANGER);

        List<Message> ephemeral = new ArrayList<>();
        CommandResult clicked = new CutoverRollbackAction(swaps.replies())
                .handle(new ActionInvocation(
                        CutoverRollbackAction.ACTION_ID,
                        PAIR,
                        "U0ALICE01",
                        CHANNEL,
                        alert.ref(),
                        null,
                        responder(ephemeral)));
        clicked.followUp().run();

        String requestId = store.openRequest(PAIR).orElseThrow();
        assertThat(store.get(requestId).orElseThrow().kind()).isEqualTo(ChangeKind.ROLLBACK);
        assertThat(store.get(requestId).orElseThrow().requester()).isEqualTo("U0ALICE01");
        assertThat(chat.of("post")).anySatisfy(c -> assertThat(c.target()).isEqualTo(CHANNEL));
        assertThat(ephemeral).isEmpty();
    }

    /** An alarm monitor whose {@code <pair>-5xx} guards the watched pair, with or without rollbackOnAlarm. */
    AlarmMonitor guarded(boolean rollbackOnAlarm) {
        dev.cutover.config.CutoverConfig config = new dev.cutover.config.ConfigLoader(
                        new dev.cutover.config.EnvInterpolator(java.util.Map.<String, String>of()::get))
                .parse(
                        "cutover.yml",
                        """
                        pairs:
                          - name: %s
                            zoneId: %s
                            blue: blue.example.com
                            green: green.example.com
                            approvers: [U0BOB0001]
                            guardAlarms: [%s-5xx]
                            rollbackOnAlarm: %s
                        alarms:
                          routes:
                            - alarm: %s-*
                              channel: %s
                              pair: %s
                        """
                                .formatted(PAIR, SandboxAccount.ZONE_ID, PAIR, rollbackOnAlarm, PAIR, CHANNEL, PAIR));
        return new AlarmMonitor(config, new InMemoryStateStore<>(), new InMemoryStateStore<>(), chat, watch);
    }

    dev.cutover.core.alert.AlarmChange alarm() {
        return new dev.cutover.core.alert.AlarmChange(
                "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + PAIR + "-5xx",
                PAIR + "-5xx",
                "ALARM",
                "OK",
                "Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (5.0).",
                clock.instant(),
                "AWS/ApplicationELB/HTTPCode_Target_5XX_Count",
                "GreaterThanThreshold 5");
    }

    @Test
    void aGuardAlarmDuringTheWatchPostsItsAlertWithTheRollBackButtonInTheWatchThread() {
        traffic.set(TG, new Traffic(500, 1, OptionalDouble.of(0.2)));
        services.set("prod", "api-green", new ServiceCounts(2, 2, 0));
        applySwap();
        AlarmMonitor alarms = guarded(false);

        alarms.handle(alarm());

        RecordingNotifier.Call alert = chat.of("reply").stream()
                .filter(c -> c.message().text().contains(PAIR + "-5xx is ALARM"))
                .findFirst()
                .orElseThrow();
        assertThat(alert.target()).isEqualTo(chat.of("post").get(0).ref().ts());
        assertThat(rollbackButton(alert.message()).orElseThrow().value()).isEqualTo(PAIR);
        assertThat(store.openRequest(PAIR)).isEmpty();
    }

    @Test
    void withRollbackOnAlarmAGuardAlarmStartsOnePreApprovedRollbackAuditedSo() {
        traffic.set(TG, new Traffic(500, 1, OptionalDouble.of(0.2)));
        services.set("prod", "api-green", new ServiceCounts(2, 2, 0));
        applySwap();
        insync.countDown();
        AlarmMonitor alarms = guarded(true);
        AtomicInteger started = new AtomicInteger();
        alarms.rollbacks((pair, why, channel) -> {
            started.incrementAndGet();
            blocking.execute(() -> swaps.workflow().preApprovedRollback(pair, why, channel));
            return "Rolling back " + pair;
        });

        alarms.handle(alarm());
        alarms.handle(alarm()); // a second delivery of the same change

        await().atMost(Duration.ofSeconds(10)).until(() -> audit.recent(PAIR, 50).stream()
                .anyMatch(e -> e.action().equals("done")));
        assertThat(started).hasValue(1);
        List<String> actions =
                audit.recent(PAIR, 50).stream().map(e -> e.action()).toList();
        assertThat(actions).contains("requested", "pre-approved").doesNotContain("approved");
        dev.cutover.core.audit.AuditEvent pre = audit.recent(PAIR, 50).stream()
                .filter(e -> e.action().equals("pre-approved"))
                .findFirst()
                .orElseThrow();
        assertThat(pre.userId()).isEqualTo("system");
        assertThat(pre.detail().get("preApproved")).contains(PAIR + "-5xx").contains("rollbackOnAlarm");
        assertThat(chat.of("reply"))
                .noneMatch(c -> c.message().text().contains(PAIR + "-5xx is ALARM")
                        && rollbackButton(c.message()).isPresent());
    }

    @Test
    void itSaysHealthyOnlyAfterTheWindowInsyncAndTheOldTtl() {
        traffic.set(TG, new Traffic(500, 1, OptionalDouble.of(0.2)));
        services.set("prod", "api-green", new ServiceCounts(2, 2, 0));
        applySwap();
        await().atMost(Duration.ofSeconds(5)).until(() -> !chat.of("update").isEmpty());

        clock.advance(Duration.ofMinutes(11)); // window over, but Route 53 still PENDING
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !healthy());
        insync.countDown(); // INSYNC now
        await().atMost(Duration.ofSeconds(5))
                .until(() -> chat.last("update").message().blocks().toString().contains("INSYNC at"));
        assertThat(healthy()).isFalse(); // the old alias's 60 s have not passed

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(5)).until(this::healthy);
        assertThat(watch.threadOf(PAIR)).isEmpty();
        assertThat(chat.of("reply")).noneMatch(c -> rollbackButton(c.message()).isPresent());
    }

    /** Regression: a new side that received no request was called healthy. */
    @Test
    void aNewSideWithoutRequestsIsNotCalledHealthy() {
        traffic.set(TG, new Traffic(0, 0, OptionalDouble.empty()));
        services.set("prod", "api-green", new ServiceCounts(2, 2, 0));
        applySwap();
        insync.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !chat.of("update").isEmpty());

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(5)).until(() -> chat.calls().stream()
                .anyMatch(c -> c.message().text().contains("saw no requests on its new side")));
        assertThat(healthy()).isFalse();
        assertThat(watch.threadOf(PAIR)).isEmpty();
    }

    private boolean healthy() {
        return chat.calls().stream().anyMatch(c -> c.message().text().contains("looks healthy"));
    }

    static Responder responder(List<Message> ephemeral) {
        return new Responder() {
            @Override
            public void ephemeral(Message message) {
                ephemeral.add(message);
            }

            @Override
            public void replaceOriginal(Message message) {
                ephemeral.add(message);
            }
        };
    }

    @Test
    void anotherReplicaSendsThePairsAlertsIntoTheOpenWatchThreadUntilItCloses() {
        var shared = new InMemoryStateStore<CutoverWatch.SharedThread>();
        CutoverWatch other = new CutoverWatch(
                watch.settings(),
                traffic,
                services,
                dns,
                chat,
                applied -> Optional.of(CHANNEL),
                clock,
                timer,
                blocking);
        watch.shareThrough(shared);
        other.shareThrough(shared);
        assertThat(other.threadOf(PAIR)).isEmpty();

        applySwap();

        assertThat(watch.threadOf(PAIR)).isPresent();
        assertThat(other.threadOf(PAIR)).isEqualTo(watch.threadOf(PAIR));
        watch.close();
        assertThat(other.threadOf(PAIR)).isEmpty();
    }
}
