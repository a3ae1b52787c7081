package dev.cutover.alert;

import static dev.cutover.core.traffic.ShiftFixture.PAIR;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.alert.AlarmChange;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftFixture;
import dev.cutover.core.traffic.ShiftHealth;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.Weights;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryShiftStore;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.memory.InMemoryTrafficWeights;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alarm incidents over in-memory stores, and a pair's guard alarm as a failed health check of its shift. */
class AlarmMonitorTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-5xx";

    final MutableClock clock = new MutableClock(T0);
    final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
    final InMemoryShiftStore store = new InMemoryShiftStore(approvals);
    final InMemoryTrafficWeights weights = ShiftFixture.allBlue();
    final RecordingNotifier notifier = new RecordingNotifier();
    final CutoverConfig config = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get))
            .parse(
                    "cutover.yml",
                    """
                    pairs:
                      - name: web
                        zoneId: Z0EXAMPLE
                        blue: blue.example.com
                        green: green.example.com
                        approvers: [U0BOB0001]
                        guardAlarms: [web-5xx]
                    alarms:
                      routes:
                        - alarm: web-5xx
                          channel: C0ALERTS
                          pair: web
                    """);
    final AlarmMonitor alarms = new AlarmMonitor(
            config, new InMemoryStateStore<>(), new InMemoryStateStore<>(), notifier, CutoverThreads.NONE);
    final InMemoryStateStore<AlarmState> alarmStore = new InMemoryStateStore<>();
    final InMemoryStateStore<AlarmMonitor.OpenIndex> alarmIndex = new InMemoryStateStore<>();
    /** A replica whose store another monitor shares. */
    final AlarmMonitor twoReplicas = new AlarmMonitor(config, alarmStore, alarmIndex, notifier, CutoverThreads.NONE);

    ShiftFixture shifting(ShiftPlan.OnAlarm onAlarm) {
        ShiftFixture f = new ShiftFixture(store, approvals, weights, clock, onAlarm);
        ShiftHealth healthyMetrics = (pair, since) -> new ShiftHealth.Reading("5XX 0.0% of 1,200", List.of());
        f.source = new GuardedShiftHealth(healthyMetrics, alarms);
        alarms.shiftThreads(pair -> store.latest(pair)
                .flatMap(store::get)
                .filter(s -> s.state().isOpen())
                .map(Shift::message)
                .or(() -> Optional.of(new MessageRef("C-OPS", "1700000000.000099"))));
        return f;
    }

    AlarmChange change(String state, Duration after) {
        return new AlarmChange(
                ARN,
                "web-5xx",
                state,
                null,
                "Threshold Crossed: 9 > 5",
                T0.plus(after),
                "AWS/ApplicationELB/5XX",
                "> 5");
    }

    @Test
    void anAlarmDuringAShiftHaltsItAtItsWeightsAndItsMessageGoesIntoTheShiftThread() {
        ShiftFixture f = shifting(ShiftPlan.OnAlarm.HALT);
        Shift s = f.started();
        clock.advance(Duration.ofMinutes(1));
        f.runner.sweep();
        assertThat(store.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.BAKING);

        alarms.handle(change(AlarmChange.ALARM, Duration.ofSeconds(50)));
        f.runner.sweep();

        Shift halted = store.get(s.id()).orElseThrow();
        assertThat(halted.state()).isEqualTo(ShiftState.HALTED);
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(halted.health()).contains("guard alarm web-5xx is ALARM");
        assertThat(f.actions()).contains("shift-halted");
        assertThat(notifier.of("reply"))
                .singleElement()
                .satisfies(r -> assertThat(r.message().text()).contains("web-5xx is ALARM"));
    }

    @Test
    void anAlarmDuringARevertingShiftGoesBackToTheLastHealthyWeightsAndAnOkDoesNotCountAgain() {
        ShiftFixture f = shifting(ShiftPlan.OnAlarm.REVERT);
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        alarms.onChange(changes::incrementAndGet);
        Shift s = f.started();
        alarms.handle(change(AlarmChange.OK, Duration.ofSeconds(10)));
        clock.advance(Duration.ofMinutes(1));
        f.runner.sweep();
        assertThat(store.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.BAKING);

        alarms.handle(change(AlarmChange.ALARM, Duration.ofSeconds(70)));
        f.runner.sweep();

        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
        assertThat(f.actions()).contains("shift-reverting");
        assertThat(alarms.firing(PAIR)).singleElement().asString().startsWith("web-5xx is ALARM");
        alarms.handle(change(AlarmChange.OK, Duration.ofMinutes(3)));
        assertThat(alarms.firing(PAIR)).isEmpty();
        assertThat(notifier.last("update").message().text()).contains("web-5xx recovered after 2 min");
        alarms.handle(change(AlarmChange.OK, Duration.ofMinutes(3))); // a duplicate
        assertThat(changes).hasValue(2); // the ALARM and its recovery; the first OK opened nothing
    }

    @Test
    void anOkThatArrivesWhileTheAlarmIsBeingPostedStillShowsTheRecovery() {
        java.util.concurrent.atomic.AtomicReference<AlarmMonitor> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        dev.cutover.core.chat.Notifier okDuringPost = new dev.cutover.core.chat.Notifier() {
            @Override
            public MessageRef post(String channel, dev.cutover.core.chat.Message message) {
                // Another replica applies the OK before Slack answered this post.
                self.get().handle(change(AlarmChange.OK, Duration.ofMinutes(4)));
                return notifier.post(channel, message);
            }

            @Override
            public MessageRef reply(MessageRef parent, dev.cutover.core.chat.Message message) {
                return notifier.reply(parent, message);
            }

            @Override
            public void update(MessageRef ref, dev.cutover.core.chat.Message message) {
                notifier.update(ref, message);
            }

            @Override
            public void update(MessageRef ref, java.util.function.Supplier<dev.cutover.core.chat.Message> current) {
                notifier.update(ref, current);
            }
        };
        AlarmMonitor monitor = new AlarmMonitor(
                config, new InMemoryStateStore<>(), new InMemoryStateStore<>(), okDuringPost, CutoverThreads.NONE);
        self.set(monitor);

        monitor.handle(change(AlarmChange.ALARM, Duration.ZERO));

        RecordingNotifier.Call posted = notifier.last("post");
        assertThat(posted.message().text()).contains("web-5xx is ALARM");
        assertThat(notifier.last("update").ref()).isEqualTo(posted.ref());
        assertThat(notifier.last("update").message().text()).contains("web-5xx recovered after 4 min");
        assertThat(monitor.openIncidents()).isEmpty();
    }

    @Test
    void anOlderAlarmDeliveredAfterItsRecoveryOpensNothing() {
        alarms.handle(change(AlarmChange.OK, Duration.ofMinutes(5)));
        alarms.handle(change(AlarmChange.ALARM, Duration.ofMinutes(1)));

        assertThat(alarms.openIncidents()).isEmpty();
        assertThat(notifier.calls()).isEmpty();
    }

    /** Regression: a failed post was recorded as shown, and redeliveries counted as duplicates: never posted. */
    @Test
    void anAlarmWhosePostFailedIsPostedOnceWhenTheQueueDeliversItAgain() {
        notifier.failNextPosts(1);
        AlarmChange alarm = change(AlarmChange.ALARM, Duration.ofSeconds(10));

        assertThatThrownBy(() -> twoReplicas.handle(alarm))
                .as("not handled: the alarm queue keeps the message for another delivery")
                .hasMessageContaining("could not post");
        assertThat(notifier.of("post")).isEmpty();

        // Redelivered to two replicas sharing the store: one of them posts it.
        AlarmMonitor other = new AlarmMonitor(config, alarmStore, alarmIndex, notifier, CutoverThreads.NONE);
        twoReplicas.handle(alarm);
        other.handle(alarm);
        twoReplicas.handle(alarm);
        assertThat(notifier.of("post"))
                .singleElement()
                .satisfies(p -> assertThat(p.message().text()).contains("web-5xx is ALARM"));
        assertThat(twoReplicas.openIncidents()).singleElement().satisfies(o -> assertThat(o.message())
                .isEqualTo(notifier.of("post").get(0).ref()));
    }

    @Test
    void anAlarmNeverPostedThatRecoversIsPostedAsRecovered() {
        notifier.failNextPosts(1);
        assertThatThrownBy(() -> twoReplicas.handle(change(AlarmChange.ALARM, Duration.ofSeconds(10))));

        twoReplicas.handle(change(AlarmChange.OK, Duration.ofMinutes(4)));

        assertThat(notifier.of("post"))
                .singleElement()
                .satisfies(p -> assertThat(p.message().text()).contains("web-5xx recovered after"));
        twoReplicas.handle(change(AlarmChange.ALARM, Duration.ofSeconds(10))); // the old ALARM, redelivered
        assertThat(notifier.of("post")).hasSize(1);
    }

    /**
     * Regression: a replica stopped (SIGTERM) or killed while posting an ALARM left it applied and
     * unposted, and its next delivery was taken for a duplicate: the incident was never shown.
     */
    @Test
    void anAlarmWhosePosterDiedIsPostedByItsNextDeliveryAfterThePostLease() {
        AlarmChange alarm = change(AlarmChange.ALARM, Duration.ofSeconds(10));
        // What the dead replica left: the change applied, its post owned until T0 + the lease.
        AlarmState applied = AlarmState.after(null, alarm).postDue(T0.plus(AlarmMonitor.POST_LEASE));
        alarmStore.compareAndSet(ARN, 0, applied);
        AlarmMonitor b = new AlarmMonitor(config, alarmStore, alarmIndex, notifier, CutoverThreads.NONE, clock);

        assertThatThrownBy(() -> b.handle(alarm))
                .as("within the lease: kept in the queue, not posted twice")
                .isInstanceOf(AlarmMonitor.PostPending.class);
        assertThat(notifier.of("post")).isEmpty();

        clock.advance(AlarmMonitor.POST_LEASE);
        b.handle(alarm);
        b.handle(alarm);

        assertThat(notifier.of("post")).singleElement();
        assertThat(alarmStore.get(ARN).orElseThrow().state().message()).isNotNull();
    }

    @Test
    void anAlarmNameWithFormattingCharactersCannotEndItsBoldTitleOrItsMetricsCodeSpan() {
        CutoverConfig wild = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get))
                .parse(
                        "cutover.yml",
                        """
                        alarms:
                          routes:
                            - alarm: "web-*"
                              channel: C0ALERTS
                        """);
        AlarmMonitor monitor = new AlarmMonitor(
                wild, new InMemoryStateStore<>(), new InMemoryStateStore<>(), notifier, CutoverThreads.NONE);

        monitor.handle(new AlarmChange(
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-odd",
                "web-*5xx* ~x~ `code` <!here>",
                AlarmChange.ALARM,
                null,
                "9 > 5",
                T0,
                "AWS/ELB`x`",
                "> 5"));

        String shown = notifier.of("post").get(0).message().toString();
        assertThat(shown)
                .contains("web-\u22175xx\u2217 \u223Cx\u223C \u02BCcode\u02BC &lt;!here&gt; is ALARM")
                .contains("`AWS/ELB\u02BCx\u02BC`")
                .doesNotContain("*5xx*")
                .doesNotContain("<!here>");
    }

    @Test
    void anOpenIncidentWithoutDataKeepsItsGuardLineAndRollBackButtonUntilItRecovers() {
        AlarmMonitor watched = new AlarmMonitor(
                config,
                new InMemoryStateStore<>(),
                new InMemoryStateStore<>(),
                notifier,
                pair -> Optional.of(new MessageRef("C0ALERTS", "1700000000.000500")));

        watched.handle(change(AlarmChange.ALARM, Duration.ZERO));
        watched.handle(change("INSUFFICIENT_DATA", Duration.ofMinutes(1)));

        String opened = notifier.of("reply").get(0).message().toString();
        assertThat(opened).contains("Guard alarm of the cutover of *web*: roll back?", "Roll back");
        String noData = notifier.last("update").message().toString();
        assertThat(noData)
                .contains("is INSUFFICIENT_DATA")
                .contains("Guard alarm of the cutover of *web*: roll back?")
                .contains("Roll back");

        watched.handle(change(AlarmChange.OK, Duration.ofMinutes(2)));
        String recovered = notifier.last("update").message().toString();
        assertThat(recovered).contains("recovered").doesNotContain("roll back?");
    }

    @Test
    void anIndexedAlarmWhoseStateExpiredIsDroppedFromTheIndexWhenRead() {
        twoReplicas.handle(change(AlarmChange.ALARM, Duration.ZERO));
        assertThat(twoReplicas.openIncidents()).hasSize(1);
        assertThat(alarmIndex.get("open").orElseThrow().state().alarms()).containsKey(ARN);

        // The states expired (the store's TTL, for alarms left unchanged for 7 days); the index stayed.
        AlarmMonitor afterExpiry =
                new AlarmMonitor(config, new InMemoryStateStore<>(), alarmIndex, notifier, CutoverThreads.NONE);

        assertThat(afterExpiry.openIncidents()).isEmpty();
        assertThat(alarmIndex.get("open").orElseThrow().state().alarms()).doesNotContainKey(ARN);
    }
}
