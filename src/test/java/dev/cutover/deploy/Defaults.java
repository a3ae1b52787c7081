package dev.cutover.deploy;

import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.OpsSettings;
import dev.cutover.config.ShutdownSettings;

/** The config defaults the container and the deploy examples must agree with. */
final class Defaults {
    /** {@code ops.port}'s default: {@code /healthz}, {@code /readyz} and {@code /metrics} in every mode. */
    static final int OPS_PORT = OpsSettings.DEFAULT_PORT;

    private Defaults() {}

    /** {@code slack.httpPort}'s default, as the config loader gives it. */
    static int httpPort() {
        CutoverConfig c = new ConfigLoader(new EnvInterpolator(name -> null))
                .parse("defaults.yml", "slack: { mode: http, botToken: xoxb-x, signingSecret: s }\n");
        return c.slack().httpPort();
    }

    /** What an orchestrator should wait after SIGTERM: the default shutdown grace plus 5 s of margin. */
    static long stopSeconds() {
        return ShutdownSettings.DEFAULT_GRACE.toSeconds() + 5;
    }
}
