package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AlertConfigTest {
    private final ConfigLoader loader = new ConfigLoader(new EnvInterpolator(name -> null));

    private static final String PAIRS =
            """
            pairs:
              - name: blue-green
                zoneId: Z0123456789ABCDEFGHIJ
                blue: blue.example.com
                green: green.example.com
                approvers: [U0ALICE01]
            """;

    @Test
    void theCommentedExampleLoads() {
        CutoverConfig c = loader.parse("alerts.yml", PAIRS + readExample());

        assertThat(c.queues()).hasSize(1);
        QueueConfig q = c.queues().get(0);
        assertThat(q.name()).isEqualTo("orders-worker");
        assertThat(q.steps().get(1).oldestAgeSeconds()).isEqualTo(900.0);
        assertThat(c.services()).hasSize(2);
        assertThat(c.services().get(1).channel()).isEqualTo("C0ALERTS01"); // the default
        assertThat(c.services().get(0).policy().steps()).hasSize(3);
        assertThat(c.alerts().cutover().sides()).hasSize(2);
        assertThat(c.alarms().queueUrl()).isPresent();
        assertThat(c.alarms().route("orders-api-5xx").orElseThrow().pair()).isEqualTo("blue-green");
        assertThat(c.alarms().route("payments-latency").orElseThrow().channel()).isEqualTo("C0ALERTS01");
        assertThat(c.alarms().route("payments")).isEmpty();
        assertThat(c.alarms().route("orders-api-latency")).isEmpty();
    }

    @Test
    void alarmErrorsNameTheirFileLineAndKey() {
        String route = "alarms:\n  routes:\n    - alarm: shop-*\n      channel: C0A1\n";
        assertThatThrownBy(() -> loader.parse("c.yml", "alarms:\n  routes:\n    - alarm: a*b\n      channel: C0A1\n"))
                .hasMessage("c.yml:3: alarms.routes[0].alarm: a * may only end a prefix, e.g. orders-* (no other"
                        + " wildcards): a*b");
        assertThatThrownBy(() -> loader.parse("c.yml", "alarms:\n  queue: orders\n"))
                .hasMessageStartingWith("c.yml:2: alarms.queue: expected an SQS queue URL");
        assertThatThrownBy(
                        () -> loader.parse(
                                "c.yml",
                                "aws:\n  region: us-east-1\nalarms:\n  queue: https://sqs.eu-west-1.amazonaws.com/123456789012/a\n"))
                .hasMessage("c.yml:4: alarms.queue: the queue is in eu-west-1 but the bot's SQS client is in aws.region"
                        + " us-east-1; use a queue in that region");
        assertThatThrownBy(() -> loader.parse("c.yml", "alarms:\n  routes:\n    - alarm: x\n"))
                .hasMessage("c.yml:3: alarms.routes[0].channel: required, or set a default in alerts.channel");
        assertThatThrownBy(() -> loader.parse(
                        "c.yml", "alarms:\n  routes:\n    - alarm: x\n      channel: C0A1\n      pair: nope\n"))
                .hasMessage("c.yml:5: alarms.routes[0].pair: no pair named nope under pairs:");
        assertThatThrownBy(() -> loader.parse("c.yml", PAIRS + "    guardAlarms: [orders-5xx]\n" + route))
                .hasMessage("c.yml:7: pairs[0].guardAlarms[0]: no alarms.routes entry matches orders-5xx; add one so"
                        + " its changes are read");
        assertThatThrownBy(() -> loader.parse("c.yml", PAIRS + "    rollbackOnAlarm: true\n"))
                .hasMessage("c.yml:7: pairs[0].rollbackOnAlarm: needs guardAlarms: the alarms that start the rollback");
        CutoverConfig ok =
                loader.parse("c.yml", PAIRS + "    guardAlarms: [shop-5xx]\n    rollbackOnAlarm: true\n" + route);
        assertThat(ok.pairs().get(0).guardAlarms()).containsExactly("shop-5xx");
        assertThat(ok.pairs().get(0).rollbackOnAlarm()).isTrue();
        assertThat(ok.alarms().queueUrl()).isEmpty();
    }

    @Test
    void decimalBoundsAndAQueueUrlAreAccepted() {
        CutoverConfig c = loader.parse(
                "c.yml",
                """
                alerts: { channel: C0ALERTS01 }
                queues:
                  - queue: https://sqs.eu-west-1.amazonaws.com/123456789012/billing
                    steps: [ { threshold: 99.5, severity: WARNING } ]
                """);
        assertThat(c.queues().get(0).name()).isEqualTo("billing");
        assertThat(c.queues().get(0).steps().get(0).threshold()).isEqualTo(99.5);
        assertThat(c.queues().get(0).consecutivePolls()).isEqualTo(2);
    }

    @Test
    void aBadThresholdNamesItsFileLineAndKey() {
        assertThatThrownBy(
                        () -> loader.parse(
                                "c.yml",
                                """
                        alerts: { channel: C0ALERTS01 }
                        queues:
                          - queue: a
                            steps: [ { threshold: 10, severity: warning } ]
                          - queue: b
                            steps:
                              - threshold: -5
                                severity: critical
                        """))
                .hasMessage("c.yml:7: queues[1].steps[0].threshold: must be a number above 0, e.g. 100 or 99.5");
    }

    @Test
    void aQueueNeedsAChannelAndAKnownPair() {
        assertThatThrownBy(() -> loader.parse(
                        "c.yml", "queues: [ { queue: a, steps: [ { threshold: 1, severity: warning } ] } ]"))
                .hasMessageContaining("queues[0].channel: required, or set a default in alerts.channel");
        assertThatThrownBy(
                        () -> loader.parse(
                                "c.yml",
                                "queues: [ { queue: a, channel: C0A1, pair: nope, steps: [ { threshold: 1, severity: warning } ] } ]"))
                .hasMessageContaining("queues[0].pair: no pair named nope under pairs:");
    }

    @Test
    void stepAdjustmentsMayNotLeaveGaps() {
        assertThatThrownBy(
                        () -> loader.parse(
                                "c.yml",
                                """
                        services:
                          - cluster: prod
                            service: w
                            channel: C0A1
                            policy:
                              steps:
                                - { lowerBound: 0, upperBound: 100, adjustment: 1 }
                                - { lowerBound: 150, adjustment: 5 }
                        """))
                .hasMessageContaining(
                        "services[0].policy.steps[1].lowerBound: must equal the previous step's upperBound");
    }

    private static String readExample() {
        try {
            return java.nio.file.Files.readString(Path.of("config/alerts.example.yml"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
