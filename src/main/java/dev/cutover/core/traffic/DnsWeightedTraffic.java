package dev.cutover.core.traffic;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TrafficWeights} of two weighted record sets of one name (Route 53 weighted routing), told
 * apart by their SetIdentifier; each side may be alias or plain and may have several types (A and
 * AAAA). A weight change is ONE change batch of DELETE (every current record set of both sides, as
 * read: SetIdentifier, Weight, alias target or TTL and values) and CREATE (the same with the new
 * weight), so Route 53 refuses the whole batch if anything changed since the read: the same
 * compare-and-swap {@code /swap} relies on.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html">Weighted routing</a>
 */
public final class DnsWeightedTraffic implements TrafficWeights {
    /** Route 53's highest record weight. */
    public static final int MAX_WEIGHT = 255;

    private final DnsRecords dns;
    private final String zoneId;
    private final String name;
    private final String blueId;
    private final String greenId;

    /**
     * @param zoneId the hosted zone id without the {@code /hostedzone/} prefix
     * @param name the weighted records' name
     * @param blueId the blue record's SetIdentifier
     * @param greenId the green record's SetIdentifier
     */
    public DnsWeightedTraffic(DnsRecords dns, String zoneId, String name, String blueId, String greenId) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.zoneId = Objects.requireNonNull(zoneId, "zoneId");
        this.name = RecordSet.normalizeName(name);
        this.blueId = Objects.requireNonNull(blueId, "blueId");
        this.greenId = Objects.requireNonNull(greenId, "greenId");
    }

    @Override
    public Weights read() {
        List<RecordSet> records = readRecords();
        return new Weights(weightOf(records, blueId), weightOf(records, greenId));
    }

    @Override
    public void set(Weights expected, Weights next, String comment) {
        change(expected, next, comment);
    }

    /**
     * {@inheritDoc}
     *
     * @return the Route 53 change id: the weights reach every resolver only once it is INSYNC
     */
    @Override
    public Optional<String> change(Weights expected, Weights next, String comment) {
        List<RecordSet> records = readRecords();
        Weights now = new Weights(weightOf(records, blueId), weightOf(records, greenId));
        if (!now.equals(expected)) {
            throw drifted(expected, now);
        }
        List<RecordChange> changes = batch(records, next);
        try {
            return Optional.of(dns.submit(zoneId, changes, comment));
        } catch (SwapException e) {
            throw translate(e, expected);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One GetChange, as the swaps' sweep polls a change that was not INSYNC within their wait
     * ({@link DnsRecords#insync}); the client's retry strategy retries throttling.
     */
    @Override
    public boolean live(String changeId) {
        try {
            return dns.insync(changeId);
        } catch (SwapException e) {
            throw translated(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The one change batch, DELETE then CREATE per record set, with the records as read now and
     * their weights as {@code from}.
     */
    @Override
    public List<String> preview(Weights from, Weights to) {
        List<RecordSet> at = readRecords().stream()
                .map(r -> blueId.equals(r.setIdentifier())
                        ? withWeight(r, from.blue())
                        : greenId.equals(r.setIdentifier()) ? withWeight(r, from.green()) : r)
                .toList();
        return batch(at, to).stream().map(DnsWeightedTraffic::describe).toList();
    }

    /** DELETE of every record set of both sides as given, then CREATE of each with {@code next}'s weight. */
    private List<RecordChange> batch(List<RecordSet> records, Weights next) {
        List<RecordSet> sides = records.stream()
                .filter(r -> blueId.equals(r.setIdentifier()) || greenId.equals(r.setIdentifier()))
                .toList();
        List<RecordChange> changes = new ArrayList<>();
        sides.forEach(r -> changes.add(new RecordChange(RecordChange.Action.DELETE, r)));
        sides.forEach(r -> changes.add(new RecordChange(
                RecordChange.Action.CREATE,
                withWeight(r, blueId.equals(r.setIdentifier()) ? next.blue() : next.green()))));
        return changes;
    }

    private static RecordSet withWeight(RecordSet r, long w) {
        return new RecordSet(
                r.name(),
                r.type(),
                r.ttl(),
                r.values(),
                r.alias(),
                r.setIdentifier(),
                w,
                r.healthCheckId(),
                "weighted routing (weight " + w + ")");
    }

    /** {@code DELETE api.example.com. A SetIdentifier api-blue Weight 100 → alias dualstack...}. */
    static String describe(RecordChange c) {
        RecordSet r = c.record();
        return c.action() + " " + r.name() + " " + r.type() + " SetIdentifier " + r.setIdentifier() + " Weight "
                + r.weight() + " → "
                + (r.isAlias() ? "alias " + r.alias().dnsName() : "TTL " + r.ttl() + " " + r.target());
    }

    @Override
    public int maxWeight() {
        return MAX_WEIGHT;
    }

    private TrafficException translate(SwapException e, Weights expected) {
        return switch (e.kind()) {
            case DRIFTED -> new TrafficException(
                    TrafficException.Kind.DRIFTED,
                    "Route 53 refused the weight change: " + e.getMessage() + currentAfterRefusal(expected),
                    e);
            case THROTTLED -> new TrafficException(TrafficException.Kind.THROTTLED, e.getMessage(), e);
            case NOT_FOUND -> new TrafficException(TrafficException.Kind.NOT_FOUND, e.getMessage(), e);
            case REFUSED -> new TrafficException(TrafficException.Kind.REFUSED, e.getMessage(), e);
            default -> new TrafficException(TrafficException.Kind.AWS_ERROR, e.getMessage(), e);
        };
    }

    /** The weights now, read after a refusal, so the difference can be shown; empty when unreadable. */
    private String currentAfterRefusal(Weights expected) {
        try {
            return "; expected " + expected + ", now " + read();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static TrafficException drifted(Weights expected, Weights now) {
        return new TrafficException(
                TrafficException.Kind.DRIFTED,
                "the weights changed since the plan; nothing was applied (expected " + expected + ", now " + now + ")");
    }

    private List<RecordSet> readRecords() {
        try {
            return dns.read(zoneId, name);
        } catch (SwapException e) {
            throw translated(e);
        }
    }

    /** The weight of the records with {@code setId}; every type of one side must carry the same weight. */
    private int weightOf(List<RecordSet> records, String setId) {
        List<RecordSet> side =
                records.stream().filter(r -> setId.equals(r.setIdentifier())).toList();
        if (side.isEmpty()) {
            throw new TrafficException(
                    TrafficException.Kind.NOT_FOUND,
                    "no weighted record " + name + " with SetIdentifier " + setId + " in zone " + zoneId);
        }
        Long weight = side.get(0).weight();
        if (weight == null || side.stream().anyMatch(r -> !weight.equals(r.weight()))) {
            throw new TrafficException(
                    TrafficException.Kind.NOT_FOUND,
                    "the records " + name + " with SetIdentifier " + setId
                            + " are not weighted records with one weight");
        }
        return weight.intValue();
    }

    /** Route 53's failure as the traffic port's: throttling stays throttling, the rest is an AWS error. */
    private static TrafficException translated(SwapException e) {
        return new TrafficException(
                e.kind() == SwapException.Kind.THROTTLED
                        ? TrafficException.Kind.THROTTLED
                        : TrafficException.Kind.AWS_ERROR,
                e.getMessage(),
                e);
    }
}
