package dev.cutover.config;

/**
 * The {@code ops:} section: the operations HTTP port ({@code /healthz}, {@code /readyz}, {@code
 * /metrics}), opened by {@code serve} in both Slack modes and by {@code sandbox}.
 *
 * @param port the TCP port (default {@value #DEFAULT_PORT}; 0 picks a free one, for tests); apart
 *     from {@code slack.httpPort}
 */
public record OpsSettings(Integer port) {
    /** Default {@link #port}. */
    public static final int DEFAULT_PORT = 9090;

    public OpsSettings {
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw ConfigException.invalid("port", "must be a TCP port, 0 to 65535");
        }
    }

    /** The defaults: port {@value #DEFAULT_PORT}. */
    public static OpsSettings defaults() {
        return new OpsSettings(null);
    }
}
