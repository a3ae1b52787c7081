package dev.cutover.alert;

import dev.cutover.config.AlarmRoute;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.alert.AlarmChange;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStore.Versioned;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies CloudWatch alarm state changes and shows them: one message per incident (ALARM until OK),
 * updated in place, in the alarm's channel or in the open cutover watch or shift thread of its pair;
 * and for a pair's {@code guardAlarms}, what the alarm does to its cutover.
 *
 * <p>Each alarm's state is kept in the shared store under its ARN with the state change time of the
 * newest change applied. A change is applied by a compare-and-set over that state; a delivery whose
 * time is not newer than the stored one (SQS's at-least-once redelivery, the other replica's copy,
 * or an older change overtaken) changes nothing. So each state change is shown once across
 * replicas, by the replica whose set won, and only that replica starts a guard alarm's rollback.
 *
 * <p>The open incidents are also listed under one index key, so that views of everything open (the
 * App Home) can read them without knowing the alarms' ARNs: {@link #openIncidents()}.
 */
public final class AlarmMonitor implements GuardAlarms {
    private static final Logger log = LoggerFactory.getLogger(AlarmMonitor.class);
    private static final int CAS_ATTEMPTS = 5;

    /**
     * How long the replica that applied an ALARM owns its incident's post: longer than a Slack call
     * takes (with its retries), about an SQS visibility timeout (30 s by default), after which the
     * change's next delivery posts it if it is still unposted.
     */
    static final Duration POST_LEASE = Duration.ofSeconds(30);

    /**
     * The change is applied and its incident's post is another replica's, not done yet: keep the
     * queue's message (not deleted), and its next delivery finds it posted, or posts it if that
     * replica failed or died.
     */
    public static final class PostPending extends RuntimeException {
        PostPending(String alarm) {
            super("the ALARM of " + alarm + " is being posted by another replica; its next delivery checks");
        }
    }

    private static final String INDEX = "open";

    /** Starts a guard alarm's rollback of a pair, pre-approved by its {@code rollbackOnAlarm}. */
    @FunctionalInterface
    public interface Rollbacks {
        /** None: a guard alarm never rolls back by itself. */
        Rollbacks NONE = (pair, why, channel) -> "no rollback: this instance cannot start one";

        /**
         * Starts the rollback of {@code pair} (its request is posted in {@code channel}).
         *
         * @param why the alarm and its state, for the audit and the request message
         * @return one line for people: started, or why not
         */
        String start(String pair, String why, String channel);
    }

    /**
     * An open alarm incident, as a dashboard lists it.
     *
     * @param alarm the alarm's name
     * @param arn the alarm's ARN
     * @param state {@code ALARM}, or {@code INSUFFICIENT_DATA} after one
     * @param since when the incident began
     * @param message the incident's message, or null while it is not posted
     */
    public record OpenIncident(String alarm, String arn, String state, Instant since, @Nullable MessageRef message) {}

    /**
     * The open incidents' ARNs and names, under one key.
     *
     * @param alarms alarm name by ARN
     */
    public record OpenIndex(Map<String, String> alarms) {
        public OpenIndex {
            alarms = alarms == null ? Map.of() : Map.copyOf(alarms);
        }
    }

    private final Clock clock;
    private final CutoverConfig config;
    private final StateStore<AlarmState> store;
    private final StateStore<OpenIndex> index;
    private final Notifier notifier;
    private final CutoverThreads watches;
    private volatile CutoverThreads shifts = CutoverThreads.NONE;
    private volatile Rollbacks rollbacks = Rollbacks.NONE;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param store each alarm's state, by ARN
     * @param index the open incidents, under the key {@value #INDEX}
     * @param watches the open cutover watches' threads (whose guard alarms offer or start a rollback)
     */
    public AlarmMonitor(
            CutoverConfig config,
            StateStore<AlarmState> store,
            StateStore<OpenIndex> index,
            Notifier notifier,
            CutoverThreads watches) {
        this(config, store, index, notifier, watches, Clock.systemUTC());
    }

    /** As above, with the clock that times the posts' ownership ({@link #POST_LEASE}) and future-dated changes. */
    public AlarmMonitor(
            CutoverConfig config,
            StateStore<AlarmState> store,
            StateStore<OpenIndex> index,
            Notifier notifier,
            CutoverThreads watches,
            Clock clock) {
        this.config = config;
        this.store = store;
        this.index = index;
        this.notifier = notifier;
        this.watches = watches;
        this.clock = clock;
    }

    /** Where the alarms of a pair with an open shift (and no open watch) go: the shift's thread. */
    public void shiftThreads(CutoverThreads threads) {
        this.shifts = threads;
    }

    /**
     * Calls {@code changed} after each change this replica applied (an incident opened, changed or
     * closed), e.g. to refresh a view of {@link #openIncidents()}; it runs on the alarm reader's
     * thread and must not block. Other replicas' changes call their own listeners.
     */
    public void onChange(Runnable changed) {
        listeners.add(changed);
    }

    /** What starts the rollbacks of pairs with {@code rollbackOnAlarm}. */
    public void rollbacks(Rollbacks r) {
        this.rollbacks = r;
    }

    /**
     * Applies {@code c} and shows it, if it is newer than what the store holds and the alarm is
     * routed. When the incident's message cannot be posted, the change stays applied, marked
     * unposted, and this throws: the alarm queue keeps the message, and its next delivery (on any
     * replica, which claims the post by a compare-and-set) posts it. A failed edit is logged (the
     * next change edits the message again).
     *
     * @throws RuntimeException when the store cannot be read or written, or the incident's message
     *     cannot be posted (the queue's message is then kept for another delivery)
     */
    public void handle(AlarmChange c) {
        Optional<AlarmRoute> route = config.alarms().route(c.name());
        if (route.isEmpty()) {
            log.debug("alarm {} matches no alarms.routes entry: not shown", c.name());
            return;
        }
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Optional<Versioned<AlarmState>> stored = store.get(c.arn());
            AlarmState before = stored.map(Versioned::state).orElse(null);
            if (before != null && !c.at().isAfter(before.changedAt())) {
                Instant now = clock.instant();
                if (before.postOverdue(now)) {
                    // Claimed by one replica: the others see a new owner's time and post nothing.
                    AlarmState claimed = before.postDue(now.plus(POST_LEASE));
                    if (store.compareAndSet(c.arn(), stored.get().version(), claimed)) {
                        post(route.get(), c.arn(), claimed, null, null);
                    }
                    return;
                }
                if (before.open() && before.message() == null && before.postDue() != null) {
                    throw new PostPending(c.name());
                }
                log.debug("alarm {}: change of {} already applied (duplicate or older delivery)", c.name(), c.at());
                return;
            }
            AlarmState next = AlarmState.after(before, c);
            if (next.open() && (before == null || !before.open())) {
                next = next.postDue(clock.instant().plus(POST_LEASE));
            }
            if (before == null && !next.open()) {
                // An OK (or no data) of an alarm never seen firing: nothing to show, but remembered,
                // so that an older ALARM delivered after it is recognised as overtaken. A lost set
                // means another replica stored a change first: read again, as this one may be newer.
                if (store.compareAndSet(c.arn(), 0, next)) {
                    return;
                }
                continue;
            }
            if (store.compareAndSet(c.arn(), stored.map(Versioned::version).orElse(0L), next)) {
                indexed(c.arn(), c.name(), next.open());
                try {
                    show(route.get(), c, before, next);
                } finally {
                    changed();
                }
                return;
            }
        }
        log.debug("alarm {}: lost the compare-and-set {} times; another replica is applying", c.name(), CAS_ATTEMPTS);
    }

    private void show(AlarmRoute route, AlarmChange c, @Nullable AlarmState before, AlarmState next) {
        boolean opened = next.open() && (before == null || !before.open());
        List<String> guards = new ArrayList<>();
        String rollbackPair = null;
        for (SwapPairConfig p : guardedBy(c.name())) {
            if (!opened || !c.firing()) {
                continue;
            }
            if (watches.threadOf(p.name()).isPresent()) {
                if (p.rollbackOnAlarm()) {
                    guards.add(":leftwards_arrow_with_hook: "
                            + rollbacks.start(
                                    p.name(),
                                    "guard alarm " + c.name() + " is ALARM (pre-approved by rollbackOnAlarm)",
                                    route.channel()));
                } else {
                    rollbackPair = p.name();
                    guards.add(":rotating_light: Guard alarm of the cutover of *" + p.name() + "*: roll back?");
                }
            } else if (shifts.threadOf(p.name()).isPresent()) {
                guards.add(":octagonal_sign: Guard alarm of *" + p.name()
                        + "*: its shift halts or reverts, as its plan says, at the next sweep.");
            }
        }
        String guard = guards.isEmpty() ? null : String.join("\n", guards);
        if (opened) {
            post(route, c.arn(), next, guard, rollbackPair);
            return;
        }
        Instant since = next.open() ? next.since() : before.since();
        MessageRef message = before.message();
        if (!next.open() && before.postOverdue(clock.instant())) {
            // Its ALARM was never shown: show the whole incident, recovered, once.
            Message body = AlarmMessages.incident(next, since, null, null);
            Polls.quietly(c.name(), () -> notifier.post(route.channel(), body));
            return;
        }
        if (message != null) {
            // While the incident stays open (e.g. no data for a while) the message keeps what the
            // alarm did to the cutover and its Roll back button.
            Message body = next.open()
                    ? AlarmMessages.incident(next, since, next.guard(), next.rollbackPair())
                    : AlarmMessages.incident(next, since, null, null);
            Polls.quietly(c.name(), () -> notifier.update(message, body));
        }
        if (before.thread() != null) {
            Polls.quietly(c.name(), () -> notifier.reply(before.thread(), AlarmMessages.change(next, since)));
        }
    }

    private void post(
            AlarmRoute route, String arn, AlarmState next, @Nullable String guard, @Nullable String rollbackPair) {
        Optional<MessageRef> thread = route.pair() == null
                ? Optional.empty()
                : watches.threadOf(route.pair()).or(() -> shifts.threadOf(route.pair()));
        Message body = AlarmMessages.incident(next, next.since(), guard, rollbackPair);
        MessageRef posted;
        try {
            posted = thread.isPresent() ? notifier.reply(thread.get(), body) : notifier.post(route.channel(), body);
        } catch (RuntimeException e) {
            markUnposted(arn, next);
            throw new IllegalStateException(
                    "could not post the ALARM of " + next.name() + " (posted at its next delivery): " + e, e);
        }
        attach(arn, next, posted, thread.orElse(posted), guard, rollbackPair);
    }

    /** Flags the incident {@code shown} as unposted, unless it changed meanwhile (then its change shows it). */
    private void markUnposted(String arn, AlarmState shown) {
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Optional<Versioned<AlarmState>> stored = store.get(arn);
            AlarmState now = stored.map(Versioned::state).orElse(null);
            if (now == null || !shown.since().equals(now.since()) || now.message() != null) {
                return;
            }
            if (store.compareAndSet(arn, stored.get().version(), now.postDue(Instant.EPOCH))) {
                return;
            }
        }
    }

    /** Stores the posted message on the incident it belongs to, unless a newer change came first. */
    private void attach(
            String arn,
            AlarmState shown,
            MessageRef posted,
            MessageRef thread,
            @Nullable String guard,
            @Nullable String rollbackPair) {
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Optional<Versioned<AlarmState>> stored = store.get(arn);
            AlarmState now = stored.map(Versioned::state).orElse(null);
            if (now == null || !shown.since().equals(now.since())) {
                // Closed while it was being posted (the OK saw no message to edit): show that here.
                if (now != null && !now.open() && now.changedAt().isAfter(shown.changedAt())) {
                    Polls.quietly(
                            shown.name(),
                            () -> notifier.update(posted, AlarmMessages.incident(now, shown.since(), null, null)));
                }
                return;
            }
            if (store.compareAndSet(arn, stored.get().version(), now.postedAt(posted, thread, guard, rollbackPair))) {
                if (now.changedAt().isAfter(shown.changedAt())) {
                    // Changed while it was being posted (e.g. to no data): show the newer state.
                    Polls.quietly(
                            shown.name(),
                            () -> notifier.update(
                                    posted, AlarmMessages.incident(now, now.since(), guard, rollbackPair)));
                }
                return;
            }
        }
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("an alarm change listener failed: {}", e.toString());
            }
        }
    }

    private void indexed(String arn, String name, boolean open) {
        for (int i = 0; i < CAS_ATTEMPTS * 2; i++) {
            Optional<Versioned<OpenIndex>> v = index.get(INDEX);
            Map<String, String> alarms =
                    new LinkedHashMap<>(v.map(x -> x.state().alarms()).orElse(Map.of()));
            boolean changed = open ? !name.equals(alarms.put(arn, name)) : alarms.remove(arn) != null;
            if (!changed || index.compareAndSet(INDEX, v.map(Versioned::version).orElse(0L), new OpenIndex(alarms))) {
                return;
            }
        }
        log.warn("alarm {}: could not update the index of open incidents", name);
    }

    private List<SwapPairConfig> guardedBy(String alarm) {
        return config.pairs().stream()
                .filter(p -> p.guardAlarms().contains(alarm))
                .toList();
    }

    /**
     * The open alarm incidents (ALARM, or no data after an ALARM), oldest first: for views of
     * everything open, such as the App Home.
     *
     * @throws RuntimeException when the store cannot be read
     */
    public List<OpenIncident> openIncidents() {
        List<OpenIncident> out = new ArrayList<>();
        index.get(INDEX).map(v -> v.state().alarms()).orElse(Map.of()).forEach((arn, name) -> {
            Optional<AlarmState> s = store.get(arn).map(Versioned::state);
            if (s.isEmpty()) {
                // Its state expired (no change for the store's TTL): drop it from the index too.
                indexed(arn, name, false);
            }
            s.filter(AlarmState::open)
                    .ifPresent(a -> out.add(new OpenIncident(a.name(), arn, a.state(), a.since(), a.message())));
        });
        out.sort(Comparator.comparing(OpenIncident::since));
        return out;
    }

    @Override
    public List<String> firing(String pair) {
        List<String> guards = config.pair(pair).map(SwapPairConfig::guardAlarms).orElse(List.of());
        if (guards.isEmpty()) {
            return List.of();
        }
        return openIncidents().stream()
                .filter(o -> guards.contains(o.alarm()) && AlarmChange.ALARM.equals(o.state()))
                .map(o -> o.alarm() + " is ALARM since " + o.since())
                .toList();
    }
}
