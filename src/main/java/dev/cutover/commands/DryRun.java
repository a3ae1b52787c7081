package dev.cutover.commands;

/** Shows the plan and the exact change batch a swap would submit, applying nothing. */
public interface DryRun {
    /** Answers {@code /swap <pair> dry-run}; the pair exists. */
    CommandResult show(String pair, Responder responder);
}
