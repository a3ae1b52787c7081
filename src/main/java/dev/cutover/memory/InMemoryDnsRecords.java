package dev.cutover.memory;

import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * {@link DnsRecords} in memory, with Route 53's rules: a batch applies all-or-nothing, a DELETE must
 * repeat the current record set exactly (values in any order), a CREATE must not replace one, and a
 * change is INSYNC {@code insyncDelay} after its submission on the clock. Thread-safe.
 */
public final class InMemoryDnsRecords implements DnsRecords {
    private static final Set<String> SWAPPABLE_TYPES = Set.of("A", "AAAA", "CNAME");
    private static final Duration POLL = Duration.ofMillis(10);

    /** Where a record set sits in its zone. */
    private record Key(String name, String type, String setIdentifier) {
        static Key of(RecordSet r) {
            return new Key(r.name(), r.type(), r.setIdentifier());
        }
    }

    private final Clock clock;
    private final Duration insyncDelay;
    private final Map<String, Map<Key, RecordSet>> zones = new HashMap<>();
    private final Map<String, Instant> changes = new HashMap<>();
    private long changeCounter;

    /**
     * @param clock decides when a change is INSYNC
     * @param insyncDelay how long a change stays PENDING
     */
    public InMemoryDnsRecords(Clock clock, Duration insyncDelay) {
        this.clock = clock;
        this.insyncDelay = insyncDelay;
    }

    /**
     * Creates or replaces a record set directly, bypassing change batches: to seed a zone, or to
     * edit it behind the bot's back. Creates the zone when it does not exist.
     */
    public synchronized void put(String zoneId, RecordSet record) {
        zones.computeIfAbsent(bare(zoneId), z -> new HashMap<>()).put(Key.of(record), record);
    }

    @Override
    public synchronized List<RecordSet> read(String zoneId, String name) {
        String wanted = RecordSet.normalizeName(name);
        return zone(zoneId).values().stream()
                .filter(r -> r.name().equals(wanted) && SWAPPABLE_TYPES.contains(r.type()))
                .sorted(Comparator.comparing(RecordSet::type)
                        .thenComparing(r -> Objects.requireNonNullElse(r.setIdentifier(), "")))
                .toList();
    }

    @Override
    public synchronized Set<String> typesAt(String zoneId, String name) {
        String wanted = RecordSet.normalizeName(name);
        return zone(zoneId).values().stream()
                .filter(r -> r.name().equals(wanted))
                .map(RecordSet::type)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized String submit(String zoneId, List<RecordChange> changes, String comment) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a change batch needs at least one change");
        }
        Map<Key, RecordSet> next = new HashMap<>(zone(zoneId));
        List<String> errors = new ArrayList<>();
        for (RecordChange change : changes) {
            Key key = Key.of(change.record());
            RecordSet current = next.get(key);
            if (change.action() == RecordChange.Action.DELETE) {
                if (current == null || !sameRecord(current, change.record())) {
                    errors.add("Tried to delete resource record set [name='" + key.name() + "', type='" + key.type()
                            + "'] but " + (current == null ? "it was not found" : "the values do not match"));
                }
                next.remove(key);
            } else if (current != null) {
                errors.add("Tried to create resource record set [name='" + key.name() + "', type='" + key.type()
                        + "'] but it already exists");
            } else {
                next.put(key, change.record());
            }
        }
        if (!errors.isEmpty()) {
            throw new SwapException(
                    SwapException.Kind.DRIFTED,
                    "the records changed since the request; nothing was applied (" + errors + ")");
        }
        zones.put(bare(zoneId), next);
        String id = String.format("C%019d", ++changeCounter);
        this.changes.put(id, clock.instant());
        return id;
    }

    @Override
    public Duration awaitInsync(String changeId, Duration timeout) {
        long start = System.nanoTime();
        while (!insync(changeId)) {
            if (System.nanoTime() - start >= timeout.toNanos()) {
                throw new SwapException(
                        SwapException.Kind.INSYNC_TIMEOUT,
                        "change " + changeId + " was not INSYNC after " + timeout.toSeconds() + " s");
            }
            // Polling, like GetChange: the clock may be a test's, advanced from another thread.
            LockSupport.parkNanos(POLL.toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public synchronized boolean insync(String changeId) {
        Instant submitted = changes.get(changeId.replaceFirst("^/change/", ""));
        if (submitted == null) {
            throw new SwapException(SwapException.Kind.AWS_ERROR, "no change with id " + changeId);
        }
        return !clock.instant().isBefore(submitted.plus(insyncDelay));
    }

    private Map<Key, RecordSet> zone(String zoneId) {
        Map<Key, RecordSet> zone = zones.get(bare(zoneId));
        if (zone == null) {
            throw new SwapException(SwapException.Kind.AWS_ERROR, "no hosted zone with id " + bare(zoneId));
        }
        return zone;
    }

    private static String bare(String zoneId) {
        return zoneId.replaceFirst("^/hostedzone/", "");
    }

    /** A DELETE matches when TTL, weight, values (in any order) and alias target are the same. */
    private static boolean sameRecord(RecordSet current, RecordSet deleted) {
        return Objects.equals(current.ttl(), deleted.ttl())
                && Objects.equals(current.weight(), deleted.weight())
                && new HashSet<>(current.values()).equals(new HashSet<>(deleted.values()))
                && sameAlias(current.alias(), deleted.alias());
    }

    private static boolean sameAlias(@Nullable AliasTarget a, @Nullable AliasTarget b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.hostedZoneId().equals(b.hostedZoneId())
                && RecordSet.normalizeName(a.dnsName()).equals(RecordSet.normalizeName(b.dnsName()))
                && a.evaluateTargetHealth() == b.evaluateTargetHealth();
    }
}
