package dev.cutover.core.dns;

import java.util.Objects;

/**
 * The alias target of a Route 53 alias record, exactly as ListResourceRecordSets returned it.
 *
 * @param hostedZoneId the target's canonical hosted zone (for an ALB, the load balancer's zone, not
 *     the zone being edited)
 * @param dnsName the target's DNS name, e.g. {@code dualstack.blue-alb-1.us-east-1.elb.amazonaws.com.}
 * @param evaluateTargetHealth whether Route 53 checks the target's health
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html">AliasTarget</a>
 */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    public AliasTarget {
        Objects.requireNonNull(hostedZoneId, "hostedZoneId");
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /** The DNS name without the {@code dualstack.} prefix and trailing dot, for people to read. */
    public String displayName() {
        String n = dnsName.toLowerCase();
        n = n.startsWith("dualstack.") ? n.substring("dualstack.".length()) : n;
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
