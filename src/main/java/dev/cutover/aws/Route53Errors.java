package dev.cutover.aws;

import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapException.Kind;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;

/**
 * Turns Route 53 SDK exceptions into {@link SwapException}s with messages for people: the error
 * code and Route 53's own reason, never a stack trace or credentials. The SDK has already retried
 * what it retries (throttling, 5xx, I/O) when an exception reaches here.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html#API_ChangeResourceRecordSets_Errors">ChangeResourceRecordSets errors</a>
 */
final class Route53Errors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "PriorRequestNotComplete");
    private static final String NOTHING_APPLIED = "nothing was applied";

    private Route53Errors() {}

    /** The exception for a failed ChangeResourceRecordSets: Route 53 applied none of the batch. */
    static SwapException onSubmit(String zoneId, SdkException e) {
        if (e instanceof InvalidChangeBatchException icb) {
            String reason = reason(icb);
            if (!recordsChanged(reason)) {
                // Refused for another reason (a CNAME beside other types, a bad value): say Route 53's.
                return new SwapException(
                        Kind.REFUSED, "Route 53 refused the change batch: " + reason + "; " + NOTHING_APPLIED);
            }
            if (attempts(e) > 1) {
                // An earlier attempt whose response was lost may have applied the batch, which is
                // exactly what makes this attempt's DELETEs no longer match.
                return new SwapException(
                        Kind.DRIFTED,
                        "the records did not match when the request was retried (" + reason + "); an earlier"
                                + " attempt may have applied it: read the records before trying again");
            }
            return new SwapException(
                    Kind.DRIFTED, "the records changed since the request; " + NOTHING_APPLIED + " (" + reason + ")");
        }
        return common(e, "hosted zone " + zoneId, NOTHING_APPLIED);
    }

    /**
     * Whether Route 53's InvalidChangeBatch {@code reason} says a DELETE did not match the current
     * record: its values differ, or it is not there any more. Only then did the records change.
     */
    static boolean recordsChanged(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("values provided do not match") || r.contains("but it was not found");
    }

    /** The exception for a failed ListResourceRecordSets. */
    static SwapException onRead(String zoneId, String name, SdkException e) {
        return common(e, "reading " + name + " in hosted zone " + zoneId, "nothing was changed");
    }

    /** The exception for a failed GetChange while waiting for INSYNC. */
    static SwapException onGetChange(String changeId, SdkException e) {
        return common(e, "change " + changeId, "the change was submitted and may still complete");
    }

    /**
     * The exception for a failed SDK waiter: it reports running out of time (or attempts) without a
     * cause, and a GetChange failure or an interrupt with that failure as its cause.
     */
    static SwapException onWait(String changeId, Duration timeout, SdkClientException e) {
        if (e.getCause() instanceof SdkException cause) {
            return onGetChange(changeId, cause);
        }
        if (e.getCause() != null) {
            return onGetChange(changeId, e);
        }
        return new SwapException(
                Kind.INSYNC_TIMEOUT,
                "submitted as change " + changeId + "; not INSYNC after " + seconds(timeout)
                        + " s — it may still complete; check `aws route53 get-change --id " + changeId + "`");
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static SwapException common(SdkException e, String what, String outcome) {
        if (e instanceof AwsServiceException ase) {
            String code = code(ase);
            if (THROTTLING.contains(code) || ase.isThrottlingException()) {
                return new SwapException(Kind.THROTTLED, "Route 53 is throttling; " + outcome);
            }
            String detail =
                    switch (code) {
                        case "NoSuchHostedZone" -> what + " does not exist or this account cannot see it";
                        case "AccessDenied", "AccessDeniedException" -> "access denied by Route 53 for " + what;
                        default -> "Route 53 refused " + what;
                    };
            return new SwapException(Kind.AWS_ERROR, detail + " (" + code + ": " + reason(ase) + "); " + outcome);
        }
        if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            // The SDK lists every provider it tried in one long line; nothing was sent anyway.
            return new SwapException(
                    Kind.AWS_ERROR,
                    "no AWS credentials found for " + what
                            + " (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a task role"
                            + " or instance profile); nothing was sent to Route 53");
        }
        if (connectFailed(e)) {
            return new SwapException(Kind.AWS_ERROR, "could not connect to Route 53 for " + what + "; " + outcome);
        }
        // The request may have reached Route 53 before the failure: its outcome is unknown.
        String unknown = outcome.equals(NOTHING_APPLIED) ? "the outcome is unknown: read the records" : outcome;
        return new SwapException(
                Kind.AWS_ERROR, "no answer from Route 53 for " + what + " (" + firstLine(e) + "); " + unknown);
    }

    private static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "HTTP " + e.statusCode() : code;
    }

    private static String reason(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        if (e instanceof InvalidChangeBatchException icb && icb.hasMessages()) {
            return String.join(", ", icb.messages());
        }
        return "no reason given";
    }

    private static int attempts(SdkException e) {
        return e.numAttempts() == null ? 1 : e.numAttempts();
    }

    private static boolean connectFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
