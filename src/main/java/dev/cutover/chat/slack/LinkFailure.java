package dev.cutover.chat.slack;

import java.time.Duration;

/**
 * Why no Socket Mode link could be opened, in one line: a Slack error code ({@code internal_error}), an
 * HTTP status ({@code HTTP 503}) or an exception's class and message. Never holds a token or a
 * WebSocket URL. Expected, so it carries no stack trace.
 */
final class LinkFailure extends Exception {
    private final boolean authRejected;
    private final transient Duration retryAfter;

    LinkFailure(String reason, boolean authRejected, Duration retryAfter) {
        super(reason, null, false, false);
        this.authRejected = authRejected;
        this.retryAfter = retryAfter;
    }

    LinkFailure(String reason) {
        this(reason, false, null);
    }

    /** True if Slack refused the token ({@code invalid_auth} and the like): retrying will not help soon. */
    boolean authRejected() {
        return authRejected;
    }

    /** Slack's {@code Retry-After}, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
