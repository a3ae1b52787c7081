package dev.cutover.sandbox;

import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One page of ListResourceRecordSets: the record sets from the start name/type/identifier on, at
 * most {@code maxItems}, and when more follow, {@code IsTruncated} with the next one's name, type
 * and identifier to start the next page at.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html">ListResourceRecordSets</a>
 */
final class SandboxListing {
    private SandboxListing() {}

    static ListResourceRecordSetsResponse page(SandboxHostedZone zone, ListResourceRecordSetsRequest request) {
        int maxItems = maxItems(request.maxItems());
        List<ResourceRecordSet> from = request.startRecordName() == null
                ? zone.all()
                : zone.from(new SandboxHostedZone.Key(
                        SandboxRecords.wireName(request.startRecordName()),
                        request.startRecordTypeAsString() == null ? "" : request.startRecordTypeAsString(),
                        request.startRecordIdentifier()));
        boolean truncated = from.size() > maxItems;
        ListResourceRecordSetsResponse.Builder page = ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(from.subList(0, Math.min(maxItems, from.size())))
                .isTruncated(truncated)
                .maxItems(Integer.toString(maxItems));
        if (truncated) {
            ResourceRecordSet next = from.get(maxItems);
            page.nextRecordName(next.name())
                    .nextRecordType(next.typeAsString())
                    .nextRecordIdentifier(next.setIdentifier());
        }
        return page.build();
    }

    private static int maxItems(@Nullable String requested) {
        if (requested == null) {
            return SandboxRoute53Client.DEFAULT_MAX_ITEMS;
        }
        int n = Integer.parseInt(requested);
        if (n < 1) {
            throw new IllegalArgumentException("maxItems must be positive: " + requested);
        }
        return Math.min(n, SandboxRoute53Client.DEFAULT_MAX_ITEMS);
    }
}
