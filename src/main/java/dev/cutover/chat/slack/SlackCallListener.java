package dev.cutover.chat.slack;

import java.time.Duration;

/**
 * Hears every Web API call {@link SlackWebApi} makes, for metrics. Called on the calling thread;
 * must be quick and must not throw.
 */
public interface SlackCallListener {
    /** Hears nothing. */
    SlackCallListener NONE = new SlackCallListener() {
        @Override
        public void completed(String method, String outcome, Duration took) {}

        @Override
        public void rateLimited(String method, Duration retryAfter) {}
    };

    /** Outcome of a call that answered: ok. */
    String OK = "ok";
    /** Outcome of a call Slack answered with {@code ok:false} or an HTTP error. */
    String ERROR = "error";

    /**
     * One call ended (its 429 retries included).
     *
     * @param method the Web API method, e.g. {@code chat.postMessage}, or {@code response_url}
     * @param outcome {@link #OK}, {@link #ERROR}, {@code ratelimited}, {@code network_error} or
     *     {@code interrupted}: a bounded set, never Slack's free-form error text
     * @param took from the first attempt to the end, waits included
     */
    void completed(String method, String outcome, Duration took);

    /** Slack answered 429 and the call waits {@code retryAfter} before trying again. */
    void rateLimited(String method, Duration retryAfter);
}
