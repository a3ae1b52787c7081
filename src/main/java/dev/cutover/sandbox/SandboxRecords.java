package dev.cutover.sandbox;

import dev.cutover.core.dns.RecordSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** How the simulated Route 53 writes names and compares record sets, as the real one does. */
final class SandboxRecords {
    private SandboxRecords() {}

    /** A name as Route 53 returns it: lower-case, trailing dot, {@code *} escaped as {@code \052}. */
    static String wireName(String name) {
        return RecordSet.normalizeName(name).replace("*", "\\052");
    }

    /** Whether {@code name} is {@code zone} or a name below it. */
    static boolean inZone(String name, String zone) {
        String n = wireName(name);
        return n.equals(zone) || n.endsWith("." + zone);
    }

    /** The record set as ListResourceRecordSets would return it after it was stored. */
    static ResourceRecordSet asReturned(ResourceRecordSet r) {
        ResourceRecordSet.Builder b = r.toBuilder().name(wireName(r.name()));
        if (r.aliasTarget() != null) {
            b.aliasTarget(r.aliasTarget().toBuilder()
                    .dnsName(RecordSet.normalizeName(r.aliasTarget().dnsName()))
                    .evaluateTargetHealth(Boolean.TRUE.equals(r.aliasTarget().evaluateTargetHealth()))
                    .build());
        }
        return b.build();
    }

    /**
     * Whether a DELETE's record set repeats the current one: TTL, values (in any order) or alias
     * target, weight. Names of alias targets compare case-insensitively, with or without the dot.
     */
    static boolean sameValues(ResourceRecordSet current, ResourceRecordSet deleted) {
        return Objects.equals(current.ttl(), deleted.ttl())
                && Objects.equals(current.weight(), deleted.weight())
                && values(current).equals(values(deleted))
                && sameAlias(current.aliasTarget(), deleted.aliasTarget());
    }

    private static Set<String> values(ResourceRecordSet r) {
        return r.resourceRecords().stream().map(ResourceRecord::value).collect(Collectors.toSet());
    }

    private static boolean sameAlias(@Nullable AliasTarget a, @Nullable AliasTarget b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.hostedZoneId(), b.hostedZoneId())
                && RecordSet.normalizeName(a.dnsName()).equals(RecordSet.normalizeName(b.dnsName()))
                && Boolean.TRUE.equals(a.evaluateTargetHealth()) == Boolean.TRUE.equals(b.evaluateTargetHealth());
    }
}
