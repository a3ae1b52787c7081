package dev.cutover.sandbox;

import dev.cutover.aws.Route53Records;
import dev.cutover.core.dns.RecordSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * An in-memory Route 53 behind the SDK's {@link Route53Client} interface, for the sandbox (which
 * runs the real adapters without AWS) and fast tests. It keeps the rules a swap depends on: a change
 * batch applies all-or-nothing; a DELETE must repeat the current record set exactly, and a CREATE of
 * an existing one fails, both with {@link InvalidChangeBatchException} as Route 53 words it; a change
 * is PENDING until {@code insyncDelay} has passed on the injected clock, then INSYNC. Operations not
 * simulated throw {@link UnsupportedOperationException} (the interface's default). Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html">ChangeResourceRecordSets</a>
 */
public final class SandboxRoute53Client implements Route53Client {
    /** ListResourceRecordSets' page size when the request sets none (Route 53's default). */
    static final int DEFAULT_MAX_ITEMS = 300;

    private final Clock clock;
    private final Duration insyncDelay;
    private final Map<String, SandboxHostedZone> zones = new HashMap<>();
    private final Map<String, Instant> changes = new HashMap<>();
    private long changeCounter;

    /**
     * An account without hosted zones.
     *
     * @param clock the clock that decides when a change is INSYNC
     * @param insyncDelay how long a change stays PENDING after it was submitted
     */
    public SandboxRoute53Client(Clock clock, Duration insyncDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.insyncDelay = Objects.requireNonNull(insyncDelay, "insyncDelay");
    }

    /** Sandbox only: adds an empty hosted zone {@code zoneId} for the domain {@code name}. */
    public synchronized void addZone(String zoneId, String name) {
        zones.put(zoneId, new SandboxHostedZone(zoneId, name));
    }

    /** Sandbox only: whether the zone exists. */
    public synchronized boolean hasZone(String zoneId) {
        return zones.containsKey(zoneId);
    }

    /**
     * Sandbox only: creates or replaces a record set directly, as someone editing the zone behind the
     * bot's back would (to seed the zone, or to rehearse a drifted-record refusal).
     *
     * @throws NoSuchHostedZoneException when the zone does not exist
     */
    public synchronized void putRecord(String zoneId, RecordSet record) {
        zone(zoneId).put(Route53Records.toSdk(record));
    }

    /** Sandbox only: every record set of the zone, in listing order, to print the state. */
    public synchronized List<RecordSet> records(String zoneId) {
        return zone(zoneId).all().stream().map(Route53Records::fromSdk).toList();
    }

    /** Lists from {@code startRecordName}/{@code startRecordType}, paging by {@code maxItems}. */
    @Override
    public synchronized ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest request) {
        return SandboxListing.page(zone(request.hostedZoneId()), request);
    }

    /**
     * Applies the batch all-or-nothing.
     *
     * @throws InvalidChangeBatchException when any change fails; then none is applied
     */
    @Override
    public synchronized ChangeResourceRecordSetsResponse changeResourceRecordSets(
            ChangeResourceRecordSetsRequest request) {
        List<String> errors =
                zone(request.hostedZoneId()).apply(request.changeBatch().changes());
        if (!errors.isEmpty()) {
            String message = "[" + String.join(", ", errors) + "]";
            throw SandboxErrors.invalidChangeBatch(errors);
        }
        String id = String.format("C%019d", ++changeCounter);
        Instant now = clock.instant();
        changes.put(id, now);
        return ChangeResourceRecordSetsResponse.builder()
                .changeInfo(info(id, now))
                .build();
    }

    /** PENDING until {@code insyncDelay} after submission on the clock, then INSYNC. */
    @Override
    public synchronized GetChangeResponse getChange(GetChangeRequest request) {
        String id = Route53Records.bareChangeId(request.id());
        Instant submitted = changes.get(id);
        if (submitted == null) {
            throw SandboxErrors.noSuchChange(id);
        }
        return GetChangeResponse.builder().changeInfo(info(id, submitted)).build();
    }

    private ChangeInfo info(String id, Instant submitted) {
        boolean insync = !clock.instant().isBefore(submitted.plus(insyncDelay));
        return ChangeInfo.builder()
                .id(id)
                .status(insync ? ChangeStatus.INSYNC : ChangeStatus.PENDING)
                .submittedAt(submitted)
                .build();
    }

    private SandboxHostedZone zone(String zoneId) {
        SandboxHostedZone zone = zones.get(Route53Records.bareZoneId(zoneId));
        if (zone == null) {
            throw SandboxErrors.noSuchHostedZone(zoneId);
        }
        return zone;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Nothing to release. */
    @Override
    public void close() {}
}
