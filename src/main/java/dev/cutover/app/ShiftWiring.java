package dev.cutover.app;

import dev.cutover.alert.CutoverThreads;
import dev.cutover.alert.GuardAlarms;
import dev.cutover.alert.GuardedShiftHealth;
import dev.cutover.alert.ShiftWatchHealth;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.ShiftActions;
import dev.cutover.commands.ShiftCommand;
import dev.cutover.commands.ShiftPresenter;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.config.TrafficConfig;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.traffic.DnsWeightedTraffic;
import dev.cutover.core.traffic.ForwardRules;
import dev.cutover.core.traffic.ShiftHealth;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftRunner;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.core.traffic.ShiftStore;
import dev.cutover.core.traffic.ShiftTarget;
import dev.cutover.core.traffic.TrafficWeights;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.redis.RedisApprovalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shift feature wired, when a pair has {@code traffic:} with a backend this build drives:
 * each pair's weights, the shift store beside the approval store, the runner whose sweep moves
 * shifts along, {@code /shift} and its buttons.
 *
 * @param service the people's side
 * @param runner the sweep (any replica)
 * @param sweepEvery how often the sweep runs: a fifth of the shortest bake, 1 to 5 s
 * @param command {@code /shift}
 * @param actions the shift message's buttons
 * @param threads each pair's open shift message, whose thread gets the pair's alarms
 */
public record ShiftWiring(
        ShiftService service,
        ShiftRunner runner,
        Duration sweepEvery,
        ChatCommand command,
        List<ActionHandler> actions,
        CutoverThreads threads) {
    private static final Logger log = LoggerFactory.getLogger(ShiftWiring.class);

    /** How old a write claim is before another replica takes it over. */
    static final Duration TAKEOVER = Duration.ofSeconds(30);

    /**
     * The feature, or empty when no pair has a traffic backend or the store holds no shifts.
     *
     * @param approvals the approval store itself (Redis or in memory), whose pair slots shifts share
     */
    static Optional<ShiftWiring> build(BotPorts p, ApprovalStore approvals, PairCatalog pairs) {
        return build(p, approvals, pairs, GuardAlarms.NONE);
    }

    /**
     * As {@link #build(BotPorts, ApprovalStore, PairCatalog)}, with the pairs' guard alarms as
     * health checks of their shifts.
     */
    static Optional<ShiftWiring> build(BotPorts p, ApprovalStore approvals, PairCatalog pairs, GuardAlarms guards) {
        CutoverConfig config = p.config();
        Notifier notifier = p.notifier();
        Clock clock = p.clock();
        Map<String, ShiftTarget> targets = new HashMap<>();
        Map<String, CutoverWatchSettings.Side> greens = new HashMap<>();
        for (SwapPairConfig pair : config.pairs()) {
            TrafficConfig t = pair.traffic();
            Optional<TrafficWeights> weights =
                    t == null ? Optional.empty() : weights(pair, t, p.dns(), p.forwardRules());
            if (weights.isEmpty()) {
                continue;
            }
            targets.put(
                    pair.name(),
                    new ShiftTarget(
                            pair.name(),
                            pairs.find(pair.name()).orElseThrow().policy(),
                            weights.get(),
                            t.steps(),
                            t.scale(),
                            t.bake(),
                            ShiftPlan.OnAlarm.valueOf(t.onAlarm().name())));
            t.greenSide(config.alerts().cutover()).ifPresent(s -> greens.put(pair.name(), s));
        }
        Optional<ShiftStore> store = store(approvals);
        if (targets.isEmpty() || store.isEmpty()) {
            return Optional.empty();
        }
        ShiftHealth health = p.alerts()
                .<ShiftHealth>map(a -> new ShiftWatchHealth(
                        a.traffic(), a.services(), config.alerts().cutover(), greens, clock))
                .orElse((pair, since) -> ShiftHealth.Reading.unconfirmed(
                        "not watched: no metrics configured", "green is not watched (no metrics configured)"));
        health = new GuardedShiftHealth(health, guards);
        ShiftRunner runner = new ShiftRunner(
                store.get(),
                approvals,
                name -> Optional.ofNullable(targets.get(name)),
                health,
                p.audit(),
                clock,
                TAKEOVER,
                new ShiftPresenter(notifier, clock));
        ShiftService service = new ShiftService(
                store.get(),
                approvals,
                name -> Optional.ofNullable(targets.get(name)),
                runner,
                p.directory(),
                clock,
                RequestIds::next);
        Duration shortest = targets.values().stream()
                .map(ShiftTarget::bake)
                .min(Duration::compareTo)
                .orElseThrow();
        Duration every = clamp(shortest.dividedBy(5), Duration.ofSeconds(1), Duration.ofSeconds(5));
        return Optional.of(new ShiftWiring(
                service,
                runner,
                every,
                new ShiftCommand(targets.keySet(), pairs.names(), service, notifier, clock),
                ShiftActions.all(service),
                threadsOf(store.get())));
    }

    /** The message of each pair's open shift. */
    private static CutoverThreads threadsOf(ShiftStore store) {
        return pair -> {
            try {
                return store.latest(pair)
                        .flatMap(store::get)
                        .filter(s -> s.state().isOpen())
                        .map(s -> s.message());
            } catch (RuntimeException e) {
                log.warn("could not read the open shift of {}: {}", pair, e.toString());
                return Optional.empty();
            }
        };
    }

    private static Optional<TrafficWeights> weights(
            SwapPairConfig p, TrafficConfig t, DnsRecords dns, Optional<ForwardRules> forwardRules) {
        if (t.backend() == TrafficConfig.Backend.ROUTE53_WEIGHTED) {
            return Optional.of(new DnsWeightedTraffic(dns, p.zoneId(), t.name(), t.blue(), t.green()));
        }
        if (forwardRules.isPresent()) {
            return Optional.of(forwardRules.get().of(t.listener(), t.rule(), t.blue(), t.green()));
        }
        log.warn(
                "pair {}: traffic backend {} is not supported by this build; /shift is off for it",
                p.name(),
                t.backend());
        return Optional.empty();
    }

    /** The shift store beside {@code approvals}, sharing its pair slots; empty for another kind of store. */
    private static Optional<ShiftStore> store(ApprovalStore approvals) {
        if (approvals instanceof RedisApprovalStore r) {
            return Optional.of(r.shifts());
        }
        if (approvals instanceof InMemoryApprovalStore m) {
            return Optional.of(m.shifts());
        }
        log.warn(
                "the approval store {} keeps no shifts; /shift is off",
                approvals.getClass().getSimpleName());
        return Optional.empty();
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
