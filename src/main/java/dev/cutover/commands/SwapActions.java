package dev.cutover.commands;

import java.util.List;
import java.util.Optional;

/** The click handlers of a swap or rollback request message's buttons. */
public final class SwapActions {
    private SwapActions() {}

    /** Approve, Break glass (asks for a reason), Reject (asks for a reason) and Cancel. */
    public static List<ActionHandler> all(SwapReplies flow) {
        return List.of(
                handler(flow, SwapMessages.APPROVE, Optional.empty()),
                handler(
                        flow,
                        SwapMessages.BREAK_GLASS,
                        Optional.of("Why must you approve your own request? This is flagged for review.")),
                handler(flow, SwapMessages.REJECT, Optional.of("Why are you rejecting this change?")),
                handler(flow, SwapMessages.CANCEL, Optional.empty()));
    }

    private static ActionHandler handler(SwapReplies flow, String actionId, Optional<String> prompt) {
        return new ActionHandler() {
            @Override
            public String actionId() {
                return actionId;
            }

            @Override
            public Optional<String> inputPrompt() {
                return prompt;
            }

            @Override
            public CommandResult handle(ActionInvocation click) {
                return flow.decide(click);
            }
        };
    }
}
