package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that an HTTP request really comes from Slack, following
 * <a href="https://api.slack.com/authentication/verifying-requests-from-slack">Verifying requests from
 * Slack</a>: {@code X-Slack-Signature} must equal {@code v0=} + lowercase hex
 * HMAC-SHA256(signing secret, {@code "v0:" + timestamp + ":" + raw body}).
 *
 * <p>Differences from Bolt's own check, on purpose: the HMAC runs over the raw body bytes and the
 * secret and prefix are encoded as UTF-8 (Bolt uses the JVM default charset, so non-ASCII bodies fail
 * on a non-UTF-8 JVM), and timestamps more than {@link #MAX_SKEW} away from now are rejected in both
 * directions (Bolt only rejects old ones; a future timestamp would let a captured request be replayed
 * later). Thread safe. The secret is never logged nor returned.
 */
public final class SlackSignatureVerifier {
    /** Request header carrying the Unix timestamp (seconds) Slack signed. */
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    /** Request header carrying {@code v0=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    /** Largest accepted distance between the request timestamp and now, either way (Slack: 5 minutes). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String VERSION = "v0";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    /** Outcome of {@link #verify}; {@link #reason()} is safe to log and to send back. */
    public enum Result {
        OK("ok"),
        MISSING_HEADERS("missing headers"),
        MALFORMED_TIMESTAMP("malformed timestamp"),
        STALE_TIMESTAMP("stale timestamp"),
        BAD_SIGNATURE("bad signature");

        private final String reason;

        Result(String reason) {
            this.reason = reason;
        }

        /** Whether the request may be processed. */
        public boolean ok() {
            return this == OK;
        }

        /** Short, secret-free description. */
        public String reason() {
            return reason;
        }
    }

    /**
     * @param signingSecret the app's signing secret (Basic Information page), not blank
     * @param clock source of "now" for the timestamp window
     * @throws IllegalArgumentException if the secret is blank
     */
    public SlackSignatureVerifier(String signingSecret, Clock clock) {
        Objects.requireNonNull(signingSecret, "signingSecret");
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("signing secret is blank");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(UTF_8), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks one request.
     *
     * @param timestamp value of {@link #TIMESTAMP_HEADER}, Unix seconds; null if absent
     * @param signature value of {@link #SIGNATURE_HEADER}; null if absent
     * @param rawBody the body exactly as received, never re-encoded (Slack sends {@code *} as
     *     {@code %2A}, which a decode/encode round trip would change)
     * @return {@link Result#OK} or the first reason the request is rejected
     */
    public Result verify(String timestamp, String signature, byte[] rawBody) {
        if (timestamp == null || signature == null || rawBody == null) {
            return Result.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.MALFORMED_TIMESTAMP;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > MAX_SKEW.toSeconds()) {
            return Result.STALE_TIMESTAMP;
        }
        byte[] expected = signature(timestamp.trim(), rawBody).getBytes(US_ASCII);
        // Constant-time compare so the signature cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(expected, signature.trim().getBytes(UTF_8)) ? Result.OK : Result.BAD_SIGNATURE;
    }

    /**
     * The {@code X-Slack-Signature} value Slack sends for {@code rawBody} at {@code timestamp}: what
     * the sandbox console signs its requests with, playing Slack's part.
     */
    public String sign(String timestamp, byte[] rawBody) {
        return signature(timestamp, rawBody);
    }

    private String signature(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread safe: one per call
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every JRE; reaching this means a broken runtime.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
