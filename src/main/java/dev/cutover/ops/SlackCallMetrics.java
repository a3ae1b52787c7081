package dev.cutover.ops;

import dev.cutover.chat.slack.SlackCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Slack Web API calls as meters: {@code cutover_slack_calls_total{method,outcome}} and {@code
 * cutover_slack_call_seconds} (429 waits included), {@code cutover_slack_rate_limited_total{method}}
 * (each 429) and {@code cutover_slack_retry_wait_seconds_total{method}} (the Retry-After waited).
 * Methods are the bot's own list of Web API methods; outcomes a bounded set.
 */
public final class SlackCallMetrics implements SlackCallListener {
    private final MeterRegistry registry;

    public SlackCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(String method, String outcome, Duration took) {
        Counter.builder("cutover.slack.calls")
                .description("Slack Web API calls and response_url posts")
                .tag("method", method)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("cutover.slack.call")
                .tag("method", method)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    @Override
    public void rateLimited(String method, Duration retryAfter) {
        Counter.builder("cutover.slack.rate.limited")
                .description("HTTP 429 answers from Slack")
                .tag("method", method)
                .register(registry)
                .increment();
        Counter.builder("cutover.slack.retry.wait")
                .description("Time waited on Retry-After before trying again")
                .baseUnit("seconds")
                .tag("method", method)
                .register(registry)
                .increment(retryAfter.toMillis() / 1000.0);
    }
}
