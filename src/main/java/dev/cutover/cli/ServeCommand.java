package dev.cutover.cli;

import dev.cutover.Main;
import dev.cutover.app.Bot;
import dev.cutover.app.ProductionParts;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.chat.slack.SocketModeRunner;
import dev.cutover.config.ConfigException;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SlackSettings;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

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
            return Main.EXIT_USAGE;
        }
        try (ProductionParts parts = new ProductionParts(c);
                Bot bot = new Bot(parts.parts());
                AutoCloseable transport = start(c.slack(), bot)) {
            bot.start();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "cutover-shutdown"));
            log.info(
                    "cutover is running ({} mode, {} pair(s))",
                    c.slack().mode().name().toLowerCase(),
                    c.pairs().size());
            stop.await();
        } catch (Exception e) {
            // Start-up failures (Slack unreachable, a bad token, Redis down) are the usual case
            // here: say what failed in one line; the stack trace is for DEBUG.
            spec.commandLine().getErr().println("cutover stopped: " + e.getMessage());
            log.debug("stopped on error", e);
            return 1;
        }
        return 0;
    }

    private static AutoCloseable start(SlackSettings s, Bot bot) {
        if (s.mode() == SlackSettings.Mode.HTTP) {
            SlackHttpServer server = SlackHttpServer.create(
                    bot.app(), new SlackSignatureVerifier(s.signingSecret(), Clock.systemUTC()), s.httpPort());
            server.start();
            log.info("listening for Slack requests on port {} at {}", server.port(), SlackHttpServer.DEFAULT_PATH);
            return server;
        }
        SocketModeRunner runner = new SocketModeRunner(bot.app(), s.appToken());
        runner.start();
        return runner;
    }
}
