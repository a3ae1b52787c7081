package dev.cutover.commands;

/**
 * One slash command ({@code /swap}, {@code /rollback}, ...). The chat adapters (Slack, the sandbox
 * console) parse nothing themselves: they hand the raw text to {@link #handle}.
 */
public interface ChatCommand {
    /** The command without the slash, e.g. {@code swap}. */
    String name();

    /** One line of usage, also the help text, e.g. {@code /swap <pair> [dry-run]}. */
    String usage();

    /**
     * Validates and answers a command on the request thread. Must be quick (Slack needs its ack
     * within 3 s): slow work goes into {@link CommandResult#followUp()}, which the adapter runs on
     * an executor after the ack.
     */
    CommandResult handle(Invocation invocation);
}
