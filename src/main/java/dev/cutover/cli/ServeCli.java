package dev.cutover.cli;

import dev.cutover.app.GracefulShutdown;
import dev.cutover.app.ProductionWiring;
import dev.cutover.config.ConfigException;
import dev.cutover.config.CutoverConfig;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: runs the Slack app in Socket Mode or behind the HTTP server until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Slack app (Socket Mode or HTTP, per slack.mode in the config) until stopped.")
public final class ServeCli implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCli.class);

    @Mixin
    ConfigOption config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CutoverConfig c;
        try {
            c = config.loadForServe();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("config error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GracefulShutdown shutdown = GracefulShutdown.install(c.shutdown().grace());
        long stopping;
        try (AutoCloseable running = ProductionWiring.serve(c)) {
            log.info(
                    "cutover is running ({} mode, {} pair(s))",
                    c.slack().mode().name().toLowerCase(),
                    c.pairs().size());
            shutdown.awaitRequest();
            stopping = System.nanoTime();
        } catch (Exception e) {
            // Start-up failures (Slack unreachable, a bad token, Redis down) are the usual case
            // here: say what failed in one line; the stack trace is for DEBUG.
            spec.commandLine().getErr().println("cutover stopped: " + e.getMessage());
            log.debug("stopped on error", e);
            shutdown.stopped();
            return ExitCodes.FAILED;
        }
        log.info("stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
        shutdown.stopped();
        return ExitCodes.OK;
    }
}
