package dev.cutover.aws;

import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Maps record sets between the core model and the Route 53 SDK model, value for value, so a DELETE
 * built from a record read repeats it exactly.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html">ResourceRecordSet</a>
 */
public final class Route53Records {
    private Route53Records() {}

    /** The core record set for an SDK record set; the name is normalised ({@code \052} becomes {@code *}). */
    public static RecordSet fromSdk(ResourceRecordSet r) {
        AliasTarget alias = r.aliasTarget() == null
                ? null
                : new AliasTarget(
                        r.aliasTarget().hostedZoneId(),
                        r.aliasTarget().dnsName(),
                        Boolean.TRUE.equals(r.aliasTarget().evaluateTargetHealth()));
        List<String> values = alias != null
                ? List.of()
                : r.resourceRecords().stream().map(ResourceRecord::value).toList();
        return new RecordSet(
                r.name(),
                r.typeAsString(),
                r.ttl(),
                values,
                alias,
                r.setIdentifier(),
                r.weight(),
                r.healthCheckId(),
                routing(r));
    }

    /**
     * The routing policy of {@code r} for people when it is not simple routing, or null. The core
     * model carries simple routing only, so the planner refuses a record with one.
     */
    static @Nullable String routing(ResourceRecordSet r) {
        if (r.weight() != null) {
            return "weighted routing (weight " + r.weight() + ")";
        }
        if (r.region() != null) {
            return "latency routing (region " + r.regionAsString() + ")";
        }
        if (r.failover() != null) {
            return "failover routing (" + r.failoverAsString() + ")";
        }
        if (r.geoLocation() != null) {
            return "geolocation routing";
        }
        if (r.geoProximityLocation() != null) {
            return "geoproximity routing";
        }
        if (r.cidrRoutingConfig() != null) {
            return "IP-based routing";
        }
        if (Boolean.TRUE.equals(r.multiValueAnswer())) {
            return "multivalue answer routing";
        }
        return r.setIdentifier() != null ? "a routing policy" : null;
    }

    /** The SDK record set for a core record set; alias records carry no TTL and no values. */
    public static ResourceRecordSet toSdk(RecordSet r) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder()
                .name(r.name())
                .type(r.type())
                .setIdentifier(r.setIdentifier())
                .weight(r.weight())
                .healthCheckId(r.healthCheckId());
        if (r.isAlias()) {
            b.aliasTarget(a -> a.hostedZoneId(r.alias().hostedZoneId())
                    .dnsName(r.alias().dnsName())
                    .evaluateTargetHealth(r.alias().evaluateTargetHealth()));
        } else {
            b.ttl(r.ttl())
                    .resourceRecords(r.values().stream()
                            .map(v -> ResourceRecord.builder().value(v).build())
                            .toList());
        }
        return b.build();
    }

    /** The SDK change for a core change. */
    public static Change toSdk(RecordChange c) {
        return Change.builder()
                .action(ChangeAction.fromValue(c.action().name()))
                .resourceRecordSet(toSdk(c.record()))
                .build();
    }

    /** The zone id without a pasted {@code /hostedzone/} prefix (the SDK strips it only in responses). */
    public static String bareZoneId(String zoneId) {
        String z = zoneId.strip();
        return z.startsWith("/hostedzone/") ? z.substring("/hostedzone/".length()) : z;
    }

    /** The change id without the {@code /change/} prefix. */
    public static String bareChangeId(String changeId) {
        String c = changeId.strip();
        return c.startsWith("/change/") ? c.substring("/change/".length()) : c;
    }
}
