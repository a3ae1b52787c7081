package dev.cutover.commands;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.home.OpenIncident;
import dev.cutover.core.home.OpenIncidents;
import dev.cutover.core.job.JobControl;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the Home shows ({@link HomeData}: slow, it reads the store, Route 53 and the
 * scheduler, so it runs after any ack) and renders it for one user, with the buttons four-eyes lets
 * that user click. A part that cannot be read says so in the view; it does not fail the rest.
 */
public final class HomeDashboard {
    private static final Logger log = LoggerFactory.getLogger(HomeDashboard.class);

    /**
     * Where the Home's parts are read.
     *
     * @param pairs the configured pairs and their policies
     * @param dns where the blue records are read
     * @param store requests and freezes
     * @param fourEyes who may decide a request (resolves user groups through the directory)
     * @param shift the pair's open progressive shift, or its latest one when it ended leaving traffic on
     *     green (see {@code ShiftService.shown}), or empty
     * @param watch the message of the pair's open cutover watch (any replica's), or empty
     * @param jobs the configured jobs
     * @param history their runs
     * @param control whether each is paused
     * @param running the run holding the job's lock now, or empty
     * @param incidents every source of open incidents (queues, services; alarms can be one more)
     */
    public record Sources(
            PairCatalog pairs,
            DnsRecords dns,
            ApprovalStore store,
            FourEyes fourEyes,
            Function<String, Optional<Shift>> shift,
            Function<String, Optional<MessageRef>> watch,
            List<JobSpec> jobs,
            JobHistory history,
            JobControl control,
            Function<JobSpec, Optional<HomeData.Running>> running,
            List<OpenIncidents> incidents) {
        public Sources {
            jobs = List.copyOf(jobs);
            incidents = List.copyOf(incidents);
        }
    }

    private final Sources s;
    private final Clock clock;
    private final Map<String, Live> records = new ConcurrentHashMap<>();

    public HomeDashboard(Sources sources, Clock clock) {
        this.s = sources;
        this.clock = clock;
    }

    /** Reads everything the Home shows, now. */
    public HomeData read() {
        List<String> problems = new ArrayList<>();
        List<HomeData.Pair> pairs = new ArrayList<>();
        for (String name : s.pairs().names()) {
            pairs.add(pair(s.pairs().find(name).orElseThrow(), problems));
        }
        Instant now = clock.instant();
        List<HomeData.Job> jobs = s.jobs().stream()
                .map(j -> {
                    boolean paused = quietly(
                            "the pause of " + j.name(), () -> s.control().isPaused(j.name()), false, problems);
                    return new HomeData.Job(
                            j,
                            paused,
                            j.enabled() && !paused ? j.schedule().nextAfter(now) : Optional.empty(),
                            quietly(
                                    "the history of " + j.name(),
                                    () -> s.history().latest(j.name()),
                                    Optional.empty(),
                                    problems),
                            quietly(
                                            "the lock of " + j.name(),
                                            () -> s.running().apply(j),
                                            Optional.<HomeData.Running>empty(),
                                            problems)
                                    .orElse(null));
                })
                .toList();
        List<OpenIncident> incidents = new ArrayList<>();
        for (OpenIncidents source : s.incidents()) {
            incidents.addAll(quietly("open incidents", source::open, List.of(), problems));
        }
        incidents.sort(Comparator.comparing(OpenIncident::since));
        return new HomeData(pairs, jobs, incidents, problems, now);
    }

    /** The Home of {@code user} over {@code data}, with {@code notice} (or null) at the top. */
    public Message view(HomeData data, String user, @Nullable String notice) {
        Set<String> mayDecide = new HashSet<>();
        for (HomeData.Pair p : data.pairs()) {
            ApprovalRequest r = p.request();
            if (r != null && r.state() == ApprovalState.PENDING && mayDecide(r, user, p)) {
                mayDecide.add(r.id());
            }
            Shift sh = p.shift();
            if (sh != null && sh.state() == ShiftState.PENDING && mayApprove(sh, user, p)) {
                mayDecide.add(sh.id());
            }
        }
        return HomeView.render(data, user, mayDecide, notice);
    }

    private boolean mayDecide(ApprovalRequest r, String user, HomeData.Pair p) {
        return quietly(
                "approvers of " + p.name(),
                () -> s.fourEyes().mayApprove(r, user, null, p.policy()).isEmpty(),
                false,
                new ArrayList<>());
    }

    /** The rule of {@code ShiftService.approve}: an approver, not the requester, not yet approved. */
    private boolean mayApprove(Shift sh, String user, HomeData.Pair p) {
        return !sh.requester().equals(user)
                && !sh.approvals().contains(user)
                && quietly(
                        "approvers of " + p.name(),
                        () -> s.fourEyes().isApprover(user, p.policy()),
                        false,
                        new ArrayList<>());
    }

    private HomeData.Pair pair(PairCatalog.Entry e, List<String> problems) {
        SwapPair pair = e.pair();
        Optional<String> live = live(pair, problems);
        // Read together: a view that cannot read the store says so instead of showing "not frozen".
        Stored stored = quietly(
                "the requests and freeze of " + pair.name(),
                () -> new Stored(
                        true,
                        s.store().frozen(pair.name()).orElse(null),
                        s.store()
                                .openRequest(pair.name())
                                .flatMap(s.store()::get)
                                .orElse(null)),
                new Stored(false, null, null),
                problems);
        return new HomeData.Pair(
                pair.name(),
                e.policy(),
                pair.blue(),
                live,
                stored.read(),
                stored.freeze(),
                stored.request(),
                quietly(
                                "the shift of " + pair.name(),
                                () -> s.shift().apply(pair.name()),
                                Optional.<Shift>empty(),
                                problems)
                        .orElse(null),
                quietly(
                                "the cutover watch of " + pair.name(),
                                () -> s.watch().apply(pair.name()),
                                Optional.<MessageRef>empty(),
                                problems)
                        .orElse(null));
    }

    /**
     * What blue points at, from Route 53 at most every {@link #RECORDS_FRESH} per pair, and at once
     * after the bot applied a change to the pair (on any replica: the store's last applied change
     * differs from the one seen at the last read). Why: Route 53 allows about five calls a second per
     * account, which a Home re-published to several viewers during a busy minute would otherwise
     * take from the swaps themselves.
     */
    private Optional<String> live(SwapPair pair, List<String> problems) {
        Optional<AppliedSwap> applied = quietly(
                "the last change of " + pair.name(),
                () -> s.store().lastApplied(pair.name()),
                Optional.empty(),
                problems);
        Instant now = clock.instant();
        Live seen = records.get(pair.name());
        if (seen != null
                && seen.applied().equals(applied)
                && now.isBefore(seen.at().plus(RECORDS_FRESH))
                && seen.targets().isPresent()) {
            return seen.targets();
        }
        Optional<String> targets = quietly(
                "the records of " + pair.name(),
                () -> Optional.of(SwapPlan.targets(s.dns().read(pair.zoneId(), pair.blue()))),
                Optional.empty(),
                problems);
        records.put(pair.name(), new Live(targets, applied, now));
        return targets;
    }

    /** How long what blue points at is shown from the last read, unless the bot changed it since. */
    static final Duration RECORDS_FRESH = Duration.ofSeconds(60);

    /** A pair's blue targets as last read, with the store's last applied change at that read. */
    private record Live(Optional<String> targets, Optional<AppliedSwap> applied, Instant at) {}

    /** A pair's freeze and open request as the store holds them; {@code read} false when it could not say. */
    private record Stored(boolean read, @Nullable Freeze freeze, @Nullable ApprovalRequest request) {}

    /**
     * {@code read}'s value; or, when it fails, {@code otherwise}, with one log line and {@code what}
     * added to {@code problems} (the view then says it could not read it).
     */
    private static <T> T quietly(String what, Supplier<T> read, T otherwise, List<String> problems) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            log.warn("Home: cannot read {}: {}", what, e.toString());
            problems.add(what);
            return otherwise;
        }
    }
}
