package dev.cutover.config;

/**
 * What {@code serve} needs beyond a valid file: the Slack secrets of the chosen mode. Kept apart
 * from the records' own validation because the sandbox and {@code swap plan} run without them.
 */
public final class ServeRequirements {
    private ServeRequirements() {}

    /**
     * Checks {@code c} for serving.
     *
     * @throws ConfigException.InvalidValue naming the missing key (e.g. {@code slack.appToken})
     */
    public static void check(CutoverConfig c) {
        SlackSettings s = c.slack();
        if (blank(s.botToken())) {
            throw ConfigException.invalid(
                    "slack.botToken",
                    "required to serve: the bot token (xoxb-...), "
                            + "OAuth & Permissions page; e.g. botToken: ${SLACK_BOT_TOKEN}");
        }
        if (s.mode() == SlackSettings.Mode.SOCKET && blank(s.appToken())) {
            throw ConfigException.invalid(
                    "slack.appToken",
                    "required in socket mode: an app-level token (xapp-...) "
                            + "with connections:write; or set mode: http with a signingSecret");
        }
        if (s.mode() == SlackSettings.Mode.HTTP && blank(s.signingSecret())) {
            throw ConfigException.invalid(
                    "slack.signingSecret", "required in http mode: Basic Information > Signing Secret");
        }
        if (s.mode() == SlackSettings.Mode.HTTP
                && c.ops().port() != 0
                && c.ops().port().equals(s.httpPort())) {
            throw ConfigException.invalid(
                    "ops.port",
                    "must differ from slack.httpPort (" + s.httpPort()
                            + "): health, readiness and metrics have a port of their own");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
