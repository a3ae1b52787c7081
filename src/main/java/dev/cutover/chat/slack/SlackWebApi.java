package dev.cutover.chat.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Slack Web API calls the bot makes, with one error policy: {@code ok:false} becomes a {@link
 * SlackApiCallException} carrying Slack's error code, and HTTP 429 is retried after its {@code
 * Retry-After} (see <a href="https://api.slack.com/apis/rate-limits">Rate limits</a>) a bounded number of
 * times. Thread safe; the token never appears in logs or exception messages.
 *
 * <p>Why the retry is here: the SDK's synchronous {@link MethodsClient} throws {@link SlackApiException}
 * on 429 without retrying; only its {@code AsyncMethodsClient} re-queues rate-limited calls, without a
 * bound and only after resolving the team with an extra {@code auth.test}, and response_url posts
 * ({@code Slack.send}) have no retry at all.
 */
public final class SlackWebApi {
    /** Default number of retries after a 429 (so at most 4 attempts). */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default longest single wait accepted; a longer Retry-After fails fast instead of blocking. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    /** One Web API call, e.g. {@code () -> methods.usergroupsUsersList(r -> r.usergroup(id))}. */
    @FunctionalInterface
    public interface Call<T> {
        T execute() throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final MethodsClient methods;
    private final RateLimitRetrier retrier;
    private volatile SlackCallListener listener = SlackCallListener.NONE;

    /** Client with {@link #DEFAULT_MAX_RETRIES} and {@link #DEFAULT_MAX_WAIT}. */
    public SlackWebApi(Slack slack, String botToken) {
        this(slack, botToken, DEFAULT_MAX_RETRIES, DEFAULT_MAX_WAIT);
    }

    /**
     * @param slack SDK instance (its {@code SlackConfig} sets the endpoint, timeouts, proxy)
     * @param botToken the {@code xoxb-} token
     * @param maxRetries retries after a 429, 0 for none
     * @param maxWait longest Retry-After waited out; a longer one fails with {@code ratelimited}
     */
    public SlackWebApi(Slack slack, String botToken, int maxRetries, Duration maxWait) {
        this(slack, botToken, new RateLimitRetrier(maxRetries, maxWait, RateLimitRetrier.REAL_SLEEPER));
    }

    SlackWebApi(Slack slack, String botToken, RateLimitRetrier retrier) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.methods = slack.methods(Objects.requireNonNull(botToken, "botToken"));
        this.retrier = retrier;
    }

    /**
     * From now on tells {@code l} of every call's outcome and of every wait after a 429 (metrics).
     *
     * @return this
     */
    public SlackWebApi listener(SlackCallListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        retrier.listener(l);
        return this;
    }

    /** The underlying client, bound to the bot token; wrap calls in {@link #call} to get this policy. */
    public MethodsClient methods() {
        return methods;
    }

    /** {@code chat.postMessage}; {@code text} is the notification fallback when blocks are given. */
    public ChatPostMessageResponse postMessage(String channel, String text, List<LayoutBlock> blocks) {
        return call(
                "chat.postMessage",
                () -> methods.chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks)));
    }

    /** {@code chat.update} of the message {@code ts} in {@code channel} (not possible for ephemerals). */
    public ChatUpdateResponse update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        return call(
                "chat.update",
                () -> methods.chatUpdate(
                        r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    /** {@code chat.postEphemeral}: visible to {@code user} only. */
    public ChatPostEphemeralResponse postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks) {
        return call(
                "chat.postEphemeral",
                () -> methods.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(text).blocks(blocks)));
    }

    /**
     * Posts to a slash command's or click's {@code response_url} (what Bolt's {@code ctx.respond} does);
     * the way to update an ephemeral message ({@code replaceOriginal(true)}). Slack allows 5 uses
     * within 30 minutes.
     *
     * @throws SlackApiCallException with the error Slack returned, e.g. {@code expired_url}
     */
    public void respond(String responseUrl, ActionResponse message) {
        Responder responder = new Responder(slack, responseUrl);
        observed(
                "response_url",
                () -> retrier.run("response_url", () -> {
                    WebhookResponse response = responder.send(message);
                    int status = response.getCode() == null ? 0 : response.getCode();
                    if (status == 429) {
                        throw RateLimitRetrier.rateLimited(firstHeader(response, "Retry-After"));
                    }
                    if (status != 200) {
                        throw new SlackApiCallException("response_url", webhookError(status, response.getBody()), null);
                    }
                    return response;
                }));
    }

    /**
     * Runs any Web API call under this policy.
     *
     * @param method the method name for errors, e.g. {@code usergroups.users.list}
     * @throws SlackApiCallException if Slack answers {@code ok:false}, keeps rate limiting, or fails
     */
    public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        return observed(method, () -> checked(method, call));
    }

    private <T extends SlackApiTextResponse> T checked(String method, Call<T> call) {
        T response = retrier.run(method, () -> {
            try {
                return call.execute();
            } catch (SlackApiException e) {
                if (e.getResponse().code() == 429) {
                    throw RateLimitRetrier.rateLimited(e.getResponse().header("Retry-After"));
                }
                throw new SlackApiCallException(method, errorCode(e), null);
            }
        });
        if (!response.isOk()) {
            throw new SlackApiCallException(method, response.getError(), null);
        }
        return response;
    }

    /** Runs {@code call} and tells the listener how it ended: a bounded outcome, never Slack's text. */
    private <T> T observed(String method, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = SlackCallListener.ERROR;
        try {
            T result = call.get();
            outcome = SlackCallListener.OK;
            return result;
        } catch (SlackApiCallException e) {
            String error = String.valueOf(e.error());
            outcome = switch (error) {
                case SlackApiCallException.RATE_LIMITED,
                        SlackApiCallException.NETWORK_ERROR,
                        SlackApiCallException.INTERRUPTED -> error;
                default -> SlackCallListener.ERROR;
            };
            throw e;
        } finally {
            listener.completed(method, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String errorCode(SlackApiException e) {
        if (e.getError() != null && e.getError().getError() != null) {
            return e.getError().getError();
        }
        return "http_" + e.getResponse().code();
    }

    private static String webhookError(int status, String body) {
        // response_url errors come back as a bare code in the body, e.g. "expired_url" or "used_url".
        String trimmed = body == null ? "" : body.trim();
        return trimmed.matches("[a-z_]{1,64}") ? trimmed : "http_" + status;
    }

    private static String firstHeader(WebhookResponse response, String name) {
        if (response.getHeaders() == null) {
            return null;
        }
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
    }
}
