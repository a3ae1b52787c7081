package dev.cutover.cli;

/** The command line's exit statuses. */
public final class ExitCodes {
    /** The operation succeeded. */
    public static final int OK = 0;

    /** The operation failed (AWS refused, Slack unreachable, a sandbox script step failed). */
    public static final int FAILED = 1;

    /** Bad usage or a bad config file; picocli's own {@code ExitCode.USAGE} is the same. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
