package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.app.AlertWiring;
import dev.cutover.app.PairCatalogs;
import dev.cutover.app.SwapWiring;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.commands.CutoverCommand;
import dev.cutover.commands.Invocation;
import dev.cutover.commands.Responder;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryQueueDepth;
import dev.cutover.memory.InMemoryQueueMetrics;
import dev.cutover.memory.InMemoryScalingHistory;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryTargetGroupTraffic;
import dev.cutover.sandbox.SandboxAccount;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /cutover status} over in-memory alert ports and a clock the test holds, assembled by {@link
 * AlertWiring} as the bot does.
 */
class CutoverStatusTest {
    static final String YAML =
            """
            alerts: { channel: C0ALERTS01 }
            pairs:
              - { name: blue-green, zoneId: Z0SANDBOX00000000001, blue: blue.example.com, green: green.example.com, approvers: [U0BOB0001] }
            queues:
              - queue: orders-worker
                consecutivePolls: 1
                steps: [ { threshold: 100, severity: warning }, { threshold: 300, severity: critical } ]
            services:
              - { cluster: prod, service: api, pair: blue-green }
            """;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    final InMemoryQueueMetrics queueMetrics = new InMemoryQueueMetrics(clock);
    final InMemoryQueueDepth queueDepth = new InMemoryQueueDepth(clock);
    final InMemoryServiceStatus services = new InMemoryServiceStatus();
    final AlertPorts ports = new AlertPorts(
            queueMetrics,
            queueDepth,
            services,
            new InMemoryScalingHistory(),
            new InMemoryTargetGroupTraffic(),
            AlertWiring.inMemoryStores());
    final RecordingNotifier chat = new RecordingNotifier();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void showsPairsQueuesAndServicesInOneMessage() {
        CutoverConfig config = new ConfigLoader(new EnvInterpolator(n -> null)).parse("c.yml", YAML);
        DnsRecords dns = new Route53DnsRecords(SandboxAccount.route53(clock, Duration.ZERO));
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        PairCatalog pairs = PairCatalogs.of(config.pairs());
        AlertWiring alerts = new AlertWiring(config, ports, chat, pairs, dns, store, clock, timer, timer);
        SwapWiring swaps = SwapWiring.build(
                pairs,
                dns,
                store,
                new InMemoryAuditLog(),
                g -> Set.of(),
                chat,
                clock,
                () -> "r1",
                Duration.ofSeconds(5),
                alerts.listener(),
                Rechecks.NONE);
        services.set("prod", "api", new ServiceCounts(2, 2, 0));
        queueMetrics.set("orders-worker", 420, 75.0);
        queueDepth.set("orders-worker", 420);
        alerts.monitors().queues().pollAll();

        List<Message> shown = new ArrayList<>();
        CutoverCommand command = (CutoverCommand) alerts.commands().get(0);
        command.handle(new Invocation("cutover", "status", "U0ALICE01", "C0ALERTS01", responder(shown)))
                .followUp()
                .run();

        assertThat(shown).singleElement().satisfies(m -> assertThat(m.blocks().toString())
                .contains("`blue-green`: blue.example.com. → A alias blue-alb")
                .contains(":rotating_light: `orders-worker`: 420 visible, oldest 75 s · critical")
                .contains("`prod/api`: desired 2, running 2, pending 0"));
        assertThat(chat.of("post"))
                .singleElement()
                .satisfies(c -> assertThat(c.message().text()).isEqualTo(":rotating_light: orders-worker is critical"));
        assertThat(alerts.actions(swaps.replies()))
                .extracting(a -> a.actionId())
                .containsExactly("cutover.rollback");
    }

    @Test
    void eachOpenShiftIsOneLineWithItsWeightsStepAndBakeLeft() {
        CutoverConfig config = new ConfigLoader(new EnvInterpolator(n -> null)).parse("c.yml", YAML);
        DnsRecords dns = new Route53DnsRecords(SandboxAccount.route53(clock, Duration.ZERO));
        AlertWiring alerts = new AlertWiring(
                config,
                ports,
                chat,
                PairCatalogs.of(config.pairs()),
                dns,
                new InMemoryApprovalStore(),
                clock,
                timer,
                timer);
        dev.cutover.core.traffic.ShiftPlan plan = dev.cutover.core.traffic.ShiftPlan.of(
                "blue-green",
                new dev.cutover.core.traffic.Weights(100, 0),
                List.of(10, 50, 100),
                100,
                Duration.ofMinutes(5),
                dev.cutover.core.traffic.ShiftPlan.OnAlarm.REVERT);
        dev.cutover.core.traffic.Shift baking = dev.cutover.core.traffic.Shift.requested(
                        "s7", plan, "U0ALICE01", "C0ALERTS01", 1, clock.instant(), Duration.ofMinutes(15))
                .baking(
                        1,
                        clock.instant(),
                        clock.instant().plus(Duration.ofMinutes(5)),
                        new dev.cutover.core.traffic.Weights(90, 10));
        dev.cutover.core.traffic.Shift halted = dev.cutover.core.traffic.Shift.requested(
                        "s8", plan, "U0ALICE01", "C0ALERTS01", 1, clock.instant(), Duration.ofMinutes(15))
                .baking(0, clock.instant(), clock.instant(), new dev.cutover.core.traffic.Weights(100, 0))
                .ended(dev.cutover.core.traffic.ShiftState.HALTED, "p95 too high");
        alerts.monitors().status().shifts(() -> List.of(baking, halted), clock);
        clock.advance(Duration.ofSeconds(100));

        String all = alerts.monitors().status().render().blocks().toString();
        String other = alerts.monitors().status().render("orders").blocks().toString();

        assertThat(all)
                .contains("*Traffic shifts*")
                .contains("• :twisted_rightwards_arrows: `blue-green`: shift `s7` baking · blue 50% / green 50% ·"
                        + " step 2 of 3 · bake 3m20s left")
                .contains("• :warning: `blue-green`: shift `s8` halted at blue 90% / green 10% — Abort takes green"
                        + " back to 0%");
        assertThat(other).doesNotContain("Traffic shifts");
        alerts.monitors()
                .status()
                .shifts(
                        () -> {
                            throw new IllegalStateException("store down");
                        },
                        clock);
        assertThat(alerts.monitors().status().render().blocks().toString())
                .contains("• :warning: cannot read the open shifts from the store (see the bot's log)");
    }

    static Responder responder(List<Message> shown) {
        return new Responder() {
            @Override
            public void ephemeral(Message message) {
                shown.add(message);
            }

            @Override
            public void replaceOriginal(Message message) {
                shown.add(message);
            }
        };
    }
}
