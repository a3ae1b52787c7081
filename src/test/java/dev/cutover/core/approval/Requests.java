package dev.cutover.core.approval;

import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test values for approval requests and plans, shared by every suite that needs one. */
public final class Requests {
    /** The fixed "now" of these values. */
    public static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

    private Requests() {}

    /** A pair {@code name} in zone {@code Z0EXAMPLE} with {@code blue.<name>.example.com.} and green. */
    public static SwapPair pair(String name) {
        return new SwapPair(name, "Z0EXAMPLE", "blue." + name + ".example.com", "green." + name + ".example.com");
    }

    /**
     * A plan mixing alias and plain records: blue has an A alias and a plain AAAA (TTL 300, two
     * values), green a plain A (TTL 60) and an AAAA alias.
     */
    public static SwapPlan mixedPlan(String pairName) {
        SwapPair p = pair(pairName);
        AliasTarget blueAlb =
                new AliasTarget("Z35SXDOTRQ7X7K", "dualstack.blue-alb-1.us-east-1.elb.amazonaws.com.", true);
        AliasTarget greenAlb =
                new AliasTarget("Z35SXDOTRQ7X7K", "dualstack.green-alb-2.us-east-1.elb.amazonaws.com.", false);
        return new SwapPlan(
                p,
                List.of(
                        RecordSet.alias(p.blue(), "A", blueAlb),
                        RecordSet.plain(p.blue(), "AAAA", 300, List.of("2001:db8::1", "2001:db8::2"))),
                List.of(
                        RecordSet.plain(p.green(), "A", 60, List.of("192.0.2.10")),
                        RecordSet.alias(p.green(), "AAAA", greenAlb)));
    }

    /** A new request {@code id} on {@code pairName}: PENDING, version 1, two approvals needed. */
    public static ApprovalRequest pending(String id, String pairName) {
        return new ApprovalRequest(
                id,
                1,
                ChangeKind.SWAP,
                mixedPlan(pairName),
                "U-REQUESTER",
                "C-OPS",
                null,
                ApprovalState.PENDING,
                2,
                NOW,
                NOW.plus(Duration.ofMinutes(15)),
                List.of(),
                null,
                null,
                null);
    }

    /**
     * {@code pending} with every optional field set: message, two approvals (one break-glass), and
     * the apply's lease and accepted change.
     */
    public static ApprovalRequest full(String id, String pairName) {
        return pending(id, pairName)
                .postedAt(new MessageRef("C-OPS", "1740824130.000100"))
                .withApproval(decision("U-ALICE"))
                .withApproval(new Decision("U-REQUESTER", NOW.plusSeconds(90), "prod is down", true))
                .applying(
                        ApprovalState.SUBMITTED,
                        new ApplyProgress("apply-1", NOW.plusSeconds(120), "C2EXAMPLE", NOW.plusSeconds(95)));
    }

    /** A decision by {@code userId} one minute after {@link #NOW}, without reason. */
    public static Decision decision(String userId) {
        return new Decision(userId, NOW.plusSeconds(60), null, false);
    }
}
