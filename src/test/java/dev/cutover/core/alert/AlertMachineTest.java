package dev.cutover.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.alert.AlertTransition.Change;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    /** The example: 100 warning, 300 critical; 10% hysteresis. */
    private static final List<AlertStep> STEPS =
            List.of(new AlertStep(100.0, null, AlertLevel.WARNING), new AlertStep(300.0, null, AlertLevel.CRITICAL));

    private AlertState state = AlertState.initial();
    private int minute;

    private AlertTransition feed(AlertRule rule, double visible) {
        return feed(rule, visible, null);
    }

    private AlertTransition feed(AlertRule rule, double visible, Double age) {
        AlertTransition t =
                AlertMachine.next(rule, state, new QueueSample(T0.plusSeconds(60L * minute++), visible, age));
        state = t.next();
        return t;
    }

    @Test
    void aValueHoveringAtABoundDoesNotFlap() {
        AlertRule rule = new AlertRule(STEPS, 1, 0.1);
        List<Change> changes = new ArrayList<>();
        for (double v : new double[] {99, 101, 99, 100, 95, 101, 92, 99.5, 100.5}) {
            changes.add(feed(rule, v).change());
        }
        assertThat(changes.stream().filter(c -> c != Change.NONE)).containsExactly(Change.OPENED);
        assertThat(state.level()).isEqualTo(AlertLevel.WARNING);

        assertThat(feed(rule, 89).change()).isEqualTo(Change.RECOVERED);
    }

    @Test
    void withoutHysteresisTheSameValuesWouldFlap() {
        AlertRule rule = new AlertRule(STEPS, 1, 0);
        long changes = 0;
        for (double v : new double[] {99, 101, 99, 101, 99}) {
            changes += feed(rule, v).change() == Change.NONE ? 0 : 1;
        }
        assertThat(changes).isEqualTo(4);
    }

    @Test
    void aLevelChangesOnlyAfterTheConfiguredConsecutivePolls() {
        AlertRule rule = new AlertRule(STEPS, 3, 0.1);
        assertThat(feed(rule, 150).change()).isEqualTo(Change.NONE);
        assertThat(feed(rule, 150).change()).isEqualTo(Change.NONE);
        assertThat(feed(rule, 50).change()).isEqualTo(Change.NONE); // streak broken
        assertThat(feed(rule, 150).change()).isEqualTo(Change.NONE);
        assertThat(feed(rule, 160).change()).isEqualTo(Change.NONE);
        AlertTransition opened = feed(rule, 170);

        assertThat(opened.change()).isEqualTo(Change.OPENED);
        assertThat(opened.to()).isEqualTo(AlertLevel.WARNING);
        assertThat(opened.incident().since()).isEqualTo(T0.plusSeconds(3 * 60)); // first poll of the streak
    }

    @Test
    void escalatesEasesAndRecoversWithTheDurationAndPeak() {
        AlertRule rule = new AlertRule(STEPS, 1, 0.1);
        assertThat(feed(rule, 120).change()).isEqualTo(Change.OPENED);
        assertThat(feed(rule, 350).change()).isEqualTo(Change.ESCALATED);
        assertThat(feed(rule, 280).change()).isEqualTo(Change.NONE); // above 300 * 0.9
        assertThat(feed(rule, 260).change()).isEqualTo(Change.EASED);
        for (int i = 0; i < 10; i++) {
            feed(rule, 150);
        }
        AlertTransition recovered = feed(rule, 10);

        assertThat(recovered.change()).isEqualTo(Change.RECOVERED);
        assertThat(recovered.duration()).isEqualTo(Duration.ofMinutes(14));
        assertThat(recovered.incident().peak()).isEqualTo(350);
        assertThat(recovered.incident().worst()).isEqualTo(AlertLevel.CRITICAL);
        assertThat(state.incident()).isNull();
    }

    @Test
    void theAgeOfTheOldestMessageRaisesALevelToo() {
        AlertRule rule = new AlertRule(List.of(new AlertStep(100.0, 600.0, AlertLevel.WARNING)), 1, 0.1);
        assertThat(feed(rule, 5, 700.0).change()).isEqualTo(Change.OPENED);
        assertThat(feed(rule, 5, 550.0).change()).isEqualTo(Change.NONE);
        assertThat(feed(rule, 5, 500.0).change()).isEqualTo(Change.RECOVERED);
    }

    @Test
    void aFailedPollNeverMarksRecoveredAndBreaksTheStreak() {
        AlertRule rule = new AlertRule(STEPS, 2, 0.1);
        feed(rule, 150);
        feed(rule, 150);
        assertThat(state.level()).isEqualTo(AlertLevel.WARNING);
        feed(rule, 10); // one reading towards recovery
        state = AlertMachine.failed(state);
        state = AlertMachine.failed(state);

        assertThat(state.level()).isEqualTo(AlertLevel.WARNING);
        assertThat(state.incident()).isNotNull();
        assertThat(feed(rule, 10).change()).isEqualTo(Change.NONE); // the streak starts again
        assertThat(feed(rule, 10).change()).isEqualTo(Change.RECOVERED);
    }

    @Test
    void aReadingNotNewerThanTheLastCountedIsStale() {
        AlertRule rule = new AlertRule(STEPS, 2, 0.1);
        QueueSample s = new QueueSample(T0, 150, null);
        state = AlertMachine.next(rule, state, s).next();

        AlertTransition again = AlertMachine.next(rule, state, s);

        assertThat(again.change()).isEqualTo(Change.STALE);
        assertThat(again.next()).isSameAs(state);
    }

    @Test
    void historyKeepsTheLastHour() {
        AlertRule rule = new AlertRule(STEPS, 1, 0.1);
        for (int i = 0; i < 90; i++) {
            feed(rule, i);
        }
        assertThat(state.history()).hasSize(60);
        assertThat(state.history().get(59).value()).isEqualTo(89);
    }

    @Test
    void sparklineScalesToTheMaximum() {
        assertThat(Sparkline.of(List.of(0.0, 50.0, 100.0), 60)).isEqualTo("▁▅█");
        assertThat(Sparkline.of(List.of(0.0, 0.0), 60)).isEqualTo("▁▁");
        assertThat(Sparkline.of(List.of(1.0, 2.0, 3.0), 2)).hasSize(2);
    }
}
