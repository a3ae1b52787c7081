package dev.cutover.core.dns;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DNS records of hosted zones: read record sets, submit a change batch, wait for it to be in
 * sync. Implementations: Route 53 through the AWS SDK, and in memory.
 */
public interface DnsRecords {
    /**
     * Reads the A, AAAA and CNAME record sets named exactly {@code name}.
     *
     * @param zoneId the hosted zone id without the {@code /hostedzone/} prefix
     * @param name the record name, lower-case with a trailing dot
     * @return the record sets, as the service returned them; empty when there are none
     * @throws SwapException {@code AWS_ERROR} or {@code THROTTLED} when the read fails
     */
    List<RecordSet> read(String zoneId, String name);

    /**
     * Submits {@code changes} as ONE change batch: all of it applies or none of it does.
     *
     * @param comment the batch comment (at most 256 characters; longer is cut)
     * @return the change id, without the {@code /change/} prefix
     * @throws SwapException {@code DRIFTED} when the service rejects the batch because a DELETE does
     *     not match the current record (nothing applied); {@code THROTTLED} or {@code AWS_ERROR}
     *     otherwise (nothing applied)
     */
    String submit(String zoneId, List<RecordChange> changes, String comment);

    /**
     * Waits until the change is INSYNC (applied on all of the service's DNS servers).
     *
     * @param changeId the id {@link #submit} returned
     * @param timeout how long to wait at most
     * @return how long it took from this call
     * @throws SwapException {@code INSYNC_TIMEOUT} when it is still PENDING after {@code timeout};
     *     {@code AWS_ERROR} when the status cannot be read
     */
    Duration awaitInsync(String changeId, Duration timeout);

    /**
     * The types of every record set named exactly {@code name} (not only A, AAAA and CNAME): a
     * CNAME cannot share its name with any other type.
     *
     * @throws SwapException {@code AWS_ERROR} or {@code THROTTLED} when the read fails
     */
    default Set<String> typesAt(String zoneId, String name) {
        return read(zoneId, name).stream().map(RecordSet::type).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Asks once whether a change is INSYNC, without waiting: the background poll of a change that
     * was not INSYNC within the wait.
     *
     * @param changeId the id {@link #submit} returned
     * @return true when INSYNC, false while PENDING
     * @throws SwapException {@code AWS_ERROR} when the status cannot be read
     */
    default boolean insync(String changeId) {
        try {
            awaitInsync(changeId, Duration.ZERO);
            return true;
        } catch (SwapException e) {
            if (e.kind() == SwapException.Kind.INSYNC_TIMEOUT) {
                return false;
            }
            throw e;
        }
    }
}
