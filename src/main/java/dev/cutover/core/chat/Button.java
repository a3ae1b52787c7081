package dev.cutover.core.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A button. It carries only an action id and a value (a request id): the state lives in the store,
 * so any replica can handle any click.
 *
 * @param label the button text
 * @param actionId which {@code ActionHandler} handles the click, e.g. {@code swap.approve}
 * @param value the handler's argument, e.g. a request id (at most 2000 characters)
 * @param style primary, danger or default
 * @param confirm the confirm dialog Slack shows before the click counts, or null
 */
public record Button(String label, String actionId, String value, Style style, @Nullable Confirm confirm) {
    /** The Block Kit button styles. */
    public enum Style {
        DEFAULT,
        PRIMARY,
        DANGER
    }

    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(actionId, "actionId");
        value = value == null ? "" : value;
        style = style == null ? Style.DEFAULT : style;
    }

    /** A confirm dialog (Block Kit confirmation dialog object). */
    public record Confirm(String title, String text, String confirm, String deny) {}
}
