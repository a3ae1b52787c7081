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
     * Parses and answers a command on the request thread, before the ack (Slack needs it within
     * 3 s). This step reads in-memory data only (the config, the pair catalog): anything that calls
     * out (the chat service's directory, the store, the audit log, AWS) goes into {@link
     * CommandResult#followUp()}, which the adapter runs on an executor after the ack and which
     * answers through the invocation's responder. {@code ArchitectureTest} follows every call this
     * method makes, outside its lambdas, and fails when one reaches a port.
     */
    CommandResult handle(Invocation invocation);
}
