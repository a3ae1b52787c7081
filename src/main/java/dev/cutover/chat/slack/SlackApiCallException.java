package dev.cutover.chat.slack;

/**
 * A Slack Web API or response_url call that did not succeed: an {@code ok:false} answer, a rate limit
 * that outlasted the retries, an HTTP error or a network failure.
 *
 * <p>{@link #error()} is Slack's error code as documented per method (e.g. {@code channel_not_found},
 * {@code not_in_channel}, {@code invalid_auth}, {@code expired_url}), or one of {@link #RATE_LIMITED},
 * {@code http_<status>}, {@link #NETWORK_ERROR}, {@link #INTERRUPTED}. The message never contains a
 * token or a response_url.
 */
public final class SlackApiCallException extends RuntimeException {
    /** Still answered 429 after the allowed retries, or asked to wait longer than allowed. */
    public static final String RATE_LIMITED = "ratelimited";
    /** The HTTP exchange itself failed (connection refused, timeout...). */
    public static final String NETWORK_ERROR = "network_error";
    /** The calling thread was interrupted while waiting out a rate limit. */
    public static final String INTERRUPTED = "interrupted";

    private final String method;
    private final String error;

    /**
     * @param method the Web API method ({@code chat.update}) or {@code response_url}
     * @param error Slack's error code or one of the constants above
     * @param cause the underlying exception, or null
     */
    public SlackApiCallException(String method, String error, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
    }

    /** The Web API method name, or {@code response_url}. */
    public String method() {
        return method;
    }

    /** Slack's error code, e.g. {@code channel_not_found}. */
    public String error() {
        return error;
    }
}
