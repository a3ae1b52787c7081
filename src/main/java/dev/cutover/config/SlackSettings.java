package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code slack:} section.
 *
 * @param mode {@code socket} (Socket Mode: outbound WebSocket, no public URL) or {@code http}
 * @param botToken the bot token ({@code xoxb-...})
 * @param appToken the app-level token ({@code xapp-...}, scope connections:write), Socket Mode only
 * @param signingSecret the signing secret, HTTP mode only
 * @param httpPort the port the HTTP mode server listens on (default 3000)
 * @param apiBaseUrl the Web API base URL ending in {@code /} (default {@code https://slack.com/api/};
 *     GovSlack and test servers use another)
 * @param workers threads that run what commands and clicks do after the ack (decide, apply, read
 *     Redis and AWS); default {@value #DEFAULT_WORKERS}
 * @param workQueue follow-ups waiting for a worker; when it is full the user is told at once that
 *     the bot is busy; default {@value #DEFAULT_WORK_QUEUE}
 * @param responseWorkers threads that post answers to response_urls, apart from the workers so a
 *     slow Slack never holds them; default {@value #DEFAULT_RESPONSE_WORKERS}
 */
public record SlackSettings(
        Mode mode,
        String botToken,
        String appToken,
        String signingSecret,
        Integer httpPort,
        String apiBaseUrl,
        Integer workers,
        Integer workQueue,
        Integer responseWorkers) {
    /** Default {@link #workers}. */
    public static final int DEFAULT_WORKERS = 8;
    /** Default {@link #workQueue}. */
    public static final int DEFAULT_WORK_QUEUE = 100;
    /** Default {@link #responseWorkers}. */
    public static final int DEFAULT_RESPONSE_WORKERS = 4;

    /** How Slack reaches the bot. */
    public enum Mode {
        SOCKET,
        HTTP;

        @JsonValue
        String wire() {
            return name().toLowerCase();
        }
    }

    public SlackSettings {
        mode = mode == null ? Mode.SOCKET : mode;
        httpPort = httpPort == null ? 3000 : httpPort;
        workers = positive("workers", workers, DEFAULT_WORKERS);
        workQueue = positive("workQueue", workQueue, DEFAULT_WORK_QUEUE);
        responseWorkers = positive("responseWorkers", responseWorkers, DEFAULT_RESPONSE_WORKERS);
        if (httpPort < 0 || httpPort > 65535) {
            throw ConfigException.invalid("httpPort", "must be a TCP port, 0 to 65535");
        }
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://slack.com/api/" : apiBaseUrl.strip();
        if (!apiBaseUrl.startsWith("http://") && !apiBaseUrl.startsWith("https://")) {
            throw ConfigException.invalid("apiBaseUrl", "must be an http(s) URL such as https://slack.com/api/");
        }
        if (!apiBaseUrl.endsWith("/")) {
            apiBaseUrl = apiBaseUrl + "/";
        }
        if (botToken != null && !botToken.isBlank() && !botToken.startsWith("xoxb-")) {
            throw ConfigException.invalid("botToken", "a bot token starts with xoxb-");
        }
        if (appToken != null && !appToken.isBlank() && !appToken.startsWith("xapp-")) {
            throw ConfigException.invalid("appToken", "an app-level token starts with xapp-");
        }
    }

    /** Settings with every default, for a config without a {@code slack:} section. */
    public static SlackSettings defaults() {
        return new SlackSettings(null, null, null, null, null, null, null, null, null);
    }

    /** These settings with another mode, tokens, port and Web API (the sandbox points Slack at itself). */
    public SlackSettings with(Mode newMode, String newBotToken, String newSecret, int newPort, String newApiBaseUrl) {
        return new SlackSettings(
                newMode, newBotToken, null, newSecret, newPort, newApiBaseUrl, workers, workQueue, responseWorkers);
    }

    private static int positive(String key, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 10_000) {
            throw ConfigException.invalid(key, "must be 1 to 10000");
        }
        return value;
    }

    /** Hides the secrets, so that logging a config never leaks them. */
    @Override
    public String toString() {
        return "SlackSettings[mode=" + mode + ", httpPort=" + httpPort + ", apiBaseUrl=" + apiBaseUrl
                + ", workers=" + workers + ", workQueue=" + workQueue + ", responseWorkers=" + responseWorkers
                + ", botToken=" + mask(botToken) + ", appToken=" + mask(appToken) + ", signingSecret="
                + mask(signingSecret) + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(unset)" : "(set)";
    }
}
