package dev.cutover.aws;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.waiters.Route53Waiter;

/**
 * {@link DnsRecords} over a Route 53 client: ListResourceRecordSets to read, one
 * ChangeResourceRecordSets per submit (Route 53 applies a batch all-or-nothing), and the SDK's
 * {@code ResourceRecordSetsChanged} waiter (GetChange until INSYNC). The client's retry strategy
 * retries throttling; nothing here loops on errors.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html">ListResourceRecordSets</a>
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html">ChangeResourceRecordSets</a>
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetChange.html">GetChange</a>
 */
public final class Route53DnsRecords implements DnsRecords {
    /** How often GetChange is polled in production; changes are normally INSYNC within about 60 s. */
    public static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(5);

    private static final Set<String> SWAPPABLE_TYPES = Set.of("A", "AAAA", "CNAME");

    private final Route53Client route53;
    private final Route53Waiter waiter;
    private final Duration pollDelay;

    /** Over {@code route53} (not closed here), polling GetChange every {@link #DEFAULT_POLL_DELAY}. */
    public Route53DnsRecords(Route53Client route53) {
        this(route53, DEFAULT_POLL_DELAY);
    }

    /**
     * Over {@code route53} (not closed here), polling GetChange every {@code pollDelay}.
     *
     * @param pollDelay the fixed delay between GetChange calls while waiting for INSYNC
     */
    public Route53DnsRecords(Route53Client route53, Duration pollDelay) {
        this.route53 = Objects.requireNonNull(route53, "route53");
        this.pollDelay = Objects.requireNonNull(pollDelay, "pollDelay");
        // Given a client, the waiter owns no resources: it need not be closed.
        this.waiter = Route53Waiter.builder().client(route53).build();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists from {@code name} and pages only while the next page still starts at {@code name}
     * (Route 53 sorts by name, then type).
     */
    @Override
    public List<RecordSet> read(String zoneId, String name) {
        return list(zoneId, name).stream()
                .filter(r -> SWAPPABLE_TYPES.contains(r.typeAsString()))
                .map(Route53Records::fromSdk)
                .toList();
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> typesAt(String zoneId, String name) {
        return list(zoneId, name).stream().map(ResourceRecordSet::typeAsString).collect(Collectors.toUnmodifiableSet());
    }

    private List<ResourceRecordSet> list(String zoneId, String name) {
        String zone = Route53Records.bareZoneId(zoneId);
        String wanted = RecordSet.normalizeName(name);
        List<ResourceRecordSet> found = new ArrayList<>();
        Optional<ListResourceRecordSetsRequest> request = Optional.of(ListResourceRecordSetsRequest.builder()
                .hostedZoneId(zone)
                .startRecordName(wanted)
                .build());
        try {
            while (request.isPresent()) {
                ListResourceRecordSetsResponse page = route53.listResourceRecordSets(request.get());
                page.resourceRecordSets().stream()
                        .filter(r -> RecordSet.normalizeName(r.name()).equals(wanted))
                        .forEach(found::add);
                request = nextPage(request.get(), page, wanted);
            }
        } catch (SdkException e) {
            throw Route53Errors.onRead(zone, wanted, e);
        }
        return List.copyOf(found);
    }

    private static Optional<ListResourceRecordSetsRequest> nextPage(
            ListResourceRecordSetsRequest request, ListResourceRecordSetsResponse page, String wanted) {
        boolean more = Boolean.TRUE.equals(page.isTruncated())
                && page.nextRecordName() != null
                && RecordSet.normalizeName(page.nextRecordName()).equals(wanted);
        return !more
                ? Optional.empty()
                : Optional.of(request.toBuilder()
                        .startRecordName(page.nextRecordName())
                        .startRecordType(page.nextRecordTypeAsString())
                        .startRecordIdentifier(page.nextRecordIdentifier())
                        .build());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The changes are sent in order in ONE ChangeResourceRecordSets call.
     */
    @Override
    public String submit(String zoneId, List<RecordChange> changes, String comment) {
        String zone = Route53Records.bareZoneId(zoneId);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a change batch needs at least one change");
        }
        try {
            var response = route53.changeResourceRecordSets(r -> r.hostedZoneId(zone)
                    .changeBatch(b -> b.comment(Route53ChangeBatchJson.truncateComment(comment))
                            .changes(changes.stream().map(Route53Records::toSdk).toList())));
            return Route53Records.bareChangeId(response.changeInfo().id());
        } catch (SdkException e) {
            throw Route53Errors.onSubmit(zone, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Polls GetChange every poll delay (fixed, no jitter) through the SDK waiter.
     */
    @Override
    public Duration awaitInsync(String changeId, Duration timeout) {
        String id = Route53Records.bareChangeId(changeId);
        long start = System.nanoTime();
        try {
            waiter.waitUntilResourceRecordSetsChanged(r -> r.id(id), o -> o.waitTimeout(timeout)
                    // The timeout is the limit; the generated default of 60 attempts is not.
                    .maxAttempts(Integer.MAX_VALUE)
                    .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollDelay)));
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (SdkClientException e) {
            throw Route53Errors.onWait(id, timeout, e);
        } catch (SdkException e) {
            throw Route53Errors.onGetChange(id, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One GetChange call; the client's retry strategy retries throttling.
     */
    @Override
    public boolean insync(String changeId) {
        String id = Route53Records.bareChangeId(changeId);
        try {
            return route53.getChange(r -> r.id(id)).changeInfo().status() == ChangeStatus.INSYNC;
        } catch (SdkException e) {
            throw Route53Errors.onGetChange(id, e);
        }
    }
}
