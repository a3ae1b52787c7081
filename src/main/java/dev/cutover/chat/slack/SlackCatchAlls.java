package dev.cutover.chat.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks every request that no handler matched, so Slack never waits for an answer that will not come.
 *
 * <p>Why: when nothing matches, Bolt answers 404 {@code {"error":"no handler found"}}; Bolt's
 * {@code SocketModeApp} then sends no ack at all, so Slack retries the envelope and the user sees a
 * timeout. This covers every request type (events, slash commands, block actions, views...);
 * {@code SocketModeRunnerIT} shows unmatched envelopes go unacked without it.
 *
 * <p>Why a middleware and not catch-all handlers: Bolt keeps handlers in a {@code HashMap<Pattern, ...>}
 * and takes the first matching pattern in hash order, so a {@code .*} handler could shadow a real one.
 * A middleware wraps the handler lookup and only rewrites Bolt's "no handler" answer; registration
 * order relative to real handlers does not matter.
 */
public final class SlackCatchAlls implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SlackCatchAlls.class);
    private static final int NO_HANDLER_STATUS = 404;
    private static final String NO_HANDLER_BODY = "{\"error\":\"no handler found\"}";

    private SlackCatchAlls() {}

    /**
     * Adds the catch-all middleware to {@code app}; call once per app, before or after registering
     * handlers. {@link SocketModeRunner} calls it itself.
     *
     * @return the same app
     */
    public static App register(App app) {
        return app.use(new SlackCatchAlls());
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Response response = chain.next(req);
        if (isNoHandler(response)) {
            // Log the type only (and an event's type, which Slack sets): payloads can carry user text.
            // One line: Bolt's own warning with a code sample is dropped (logging.BoltSuggestionFilter).
            if (req instanceof EventRequest e) {
                log.warn(
                        "No handler for a {} request ({}); acking it empty",
                        req.getRequestType(),
                        e.getEventTypeAndSubtype());
            } else {
                log.warn("No handler for a {} request; acking it empty", req.getRequestType());
            }
            return Response.ok();
        }
        return response;
    }

    private static boolean isNoHandler(Response response) {
        return response != null
                && response.getStatusCode() != null
                && response.getStatusCode() == NO_HANDLER_STATUS
                && NO_HANDLER_BODY.equals(response.getBody());
    }
}
