package dev.cutover;

import dev.cutover.cli.CheckConfigCli;
import dev.cutover.cli.ExitCodes;
import dev.cutover.cli.SandboxCli;
import dev.cutover.cli.ServeCli;
import dev.cutover.cli.SwapPlanCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutover-bot} command line: {@code serve}, {@code sandbox}, {@code check-config} and
 * {@code swap plan}. Exit status 0 on success, 1 on a failed operation, 2 on bad usage or config
 * ({@link ExitCodes}).
 */
@Command(
        name = "cutover-bot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Slack chat-ops for AWS: blue/green cutovers on Route 53 with four-eyes approval,"
                + " queue and scaling alerts, and scheduled jobs.",
        subcommands = {
            SandboxCli.class,
            ServeCli.class,
            CheckConfigCli.class,
            SwapPlanCli.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec; // filled by picocli before call()

    /** No subcommand is bad usage: say what there is, on standard error, with status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sandbox") && System.getenv("CUTOVER_LOG_LEVEL") == null) {
            // The console is the sandbox's output; log lines would interleave with it.
            System.setProperty("CUTOVER_LOG_LEVEL", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, for tests. */
    public static CommandLine commandLine() {
        // picocli exits with 2 (ExitCode.USAGE) on invalid input already, the same as ExitCodes.USAGE.
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cutover " + (v == null ? "(development build)" : v)};
        }
    }
}
