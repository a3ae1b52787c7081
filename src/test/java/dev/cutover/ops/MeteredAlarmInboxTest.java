package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.alert.AlarmState;
import dev.cutover.core.alert.AlarmInbox;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStores;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.testing.FakeAlarmInbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alarm queue's messages and failed receives, and alarm states as alerts of kind alarm. */
class MeteredAlarmInboxTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void receivedDeletedAndFailedReceivesAreCounted() {
        Deque<Object> answers = new ArrayDeque<>(List.of(
                List.of(new AlarmInbox.Received("m1", "r1", "{}"), new AlarmInbox.Received("m2", "r2", "bad")),
                new IllegalStateException("SQS is down")));
        FakeAlarmInbox fake = new FakeAlarmInbox(() -> {
            Object next = answers.pop();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<AlarmInbox.Received> batch = (List<AlarmInbox.Received>) next;
            return batch;
        });
        AlarmInbox inbox = new MeteredAlarmInbox(fake, registry);

        assertThat(inbox.receive("q")).hasSize(2);
        inbox.delete("q", "r1");
        assertThatThrownBy(() -> inbox.receive("q")).hasMessage("SQS is down");

        assertThat(registry.get("cutover.alarm.messages")
                        .tag("result", "received")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("cutover.alarm.messages")
                        .tag("result", "deleted")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("cutover.alarm.receive.failures").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void anAlarmInAlarmIsAnOpenAlertUntilItsOk() {
        StateStores stores = new MeteredStateStores(
                new StateStores() {
                    @Override
                    public <T> StateStore<T> named(String name, Class<T> type) {
                        return new InMemoryStateStore<>();
                    }
                },
                registry);
        StateStore<AlarmState> alarms = stores.named("alarm", AlarmState.class);
        Instant t = Instant.parse("2026-12-05T21:00:00Z");

        alarms.compareAndSet(
                "arn", 0, new AlarmState("a", "ALARM", t, t, null, null, "", null, null, null, null, null));
        assertThat(registry.get("cutover.alerts.open")
                        .tag("kind", "alarm")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        alarms.compareAndSet(
                "arn",
                1,
                new AlarmState("a", "OK", t.plusSeconds(60), null, null, null, "", null, null, null, null, null));

        assertThat(registry.get("cutover.alerts.open")
                        .tag("kind", "alarm")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.get("cutover.alert.transitions")
                        .tags("kind", "alarm", "from", "alarm", "to", "ok")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
