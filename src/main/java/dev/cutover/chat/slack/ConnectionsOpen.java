package dev.cutover.chat.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Calls <a href="https://api.slack.com/methods/apps.connections.open">{@code apps.connections.open}</a>
 * with the app-level token and turns every failure into a {@link LinkFailure}: the SDK's own call
 * ({@code Slack.issueSocketModeUrl}) folds the error code and the HTTP status into exception text.
 */
final class ConnectionsOpen {
    /** Error codes that mean the token itself is wrong, not that Slack is having trouble. */
    static final Set<String> AUTH_ERRORS = Set.of(
            "invalid_auth",
            "not_authed",
            "account_inactive",
            "token_revoked",
            "token_expired",
            "not_allowed_token_type");

    private ConnectionsOpen() {}

    /**
     * @return a single-use WebSocket URL (it holds a ticket: never log it)
     * @throws LinkFailure with Slack's error code, {@code HTTP <status>} (and {@code Retry-After}), or the
     *     exception's class and message
     */
    static String url(Slack slack, String appToken) throws LinkFailure {
        try {
            AppsConnectionsOpenResponse res = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
            if (res.isOk() && res.getUrl() != null) {
                return res.getUrl();
            }
            String error = res.getError() == null ? "no url in the answer" : res.getError();
            throw new LinkFailure(error, AUTH_ERRORS.contains(error), null);
        } catch (SlackApiException e) {
            String error = e.getError() == null || e.getError().getError() == null
                    ? ""
                    : " " + e.getError().getError();
            Duration retryAfter = seconds(e.getResponse().header("Retry-After"));
            throw new LinkFailure("HTTP " + e.getResponse().code() + error, false, retryAfter);
        } catch (IOException | RuntimeException e) {
            throw new LinkFailure(describe(e));
        }
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Duration seconds(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
