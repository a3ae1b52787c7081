package dev.cutover.sandbox;

import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import java.time.Clock;
import java.time.Duration;

/**
 * The sandbox's simulated AWS account: hosted zone {@value #ZONE_ID} ({@value #ZONE_NAME}) with the
 * demo pair {@value #BLUE} and {@value #GREEN}, each an A alias to its own Application Load Balancer.
 */
public final class SandboxAccount {
    /** The demo hosted zone's id (matches Route 53's {@code Z[A-Z0-9]{1,31}}). */
    public static final String ZONE_ID = "Z0SANDBOX00000000001";

    public static final String ZONE_NAME = "example.com.";
    public static final String BLUE = "blue.example.com.";
    public static final String GREEN = "green.example.com.";

    /** The canonical hosted zone of Application Load Balancers in us-east-1. */
    public static final String ALB_ZONE_ID = "Z35SXDOTRQ7X7K";

    public static final String BLUE_ALB = "dualstack.blue-alb-1234567890.us-east-1.elb.amazonaws.com.";
    public static final String GREEN_ALB = "dualstack.green-alb-0987654321.us-east-1.elb.amazonaws.com.";

    private SandboxAccount() {}

    /**
     * A simulated Route 53 holding the demo zone.
     *
     * @param clock the clock that decides when a change is INSYNC
     * @param insyncDelay how long a change stays PENDING
     */
    public static SandboxRoute53Client route53(Clock clock, Duration insyncDelay) {
        SandboxRoute53Client route53 = new SandboxRoute53Client(clock, insyncDelay);
        route53.addZone(ZONE_ID, ZONE_NAME);
        route53.putRecord(ZONE_ID, RecordSet.alias(BLUE, "A", new AliasTarget(ALB_ZONE_ID, BLUE_ALB, true)));
        route53.putRecord(ZONE_ID, RecordSet.alias(GREEN, "A", new AliasTarget(ALB_ZONE_ID, GREEN_ALB, true)));
        return route53;
    }
}
