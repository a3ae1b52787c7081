package dev.cutover.commands;

import java.util.Optional;

/** Handles clicks on buttons with one action id, e.g. {@code swap.approve}. */
public interface ActionHandler {
    /** The action id this handler owns. */
    String actionId();

    /**
     * A question the user must answer before the click counts (Slack: a modal with one text
     * input), e.g. "Why are you rejecting?"; empty when the click needs no input.
     */
    default Optional<String> inputPrompt() {
        return Optional.empty();
    }

    /** Handles the click; quick like {@link ChatCommand#handle}, slow work in the follow-up. */
    CommandResult handle(ActionInvocation click);
}
