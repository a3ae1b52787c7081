package dev.cutover.chat.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.ViewState;
import dev.cutover.commands.ActionHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The modal that asks for a reason before a click counts (Reject, Break glass).
 *
 * @see <a href="https://api.slack.com/surfaces/modals">Modals</a>
 */
final class InputModal {
    static final String BLOCK = "reason";
    static final String ACTION = "text";

    /**
     * The click that opened the modal, kept in the view's {@code private_metadata} (at most 3000
     * characters) so any replica can finish it.
     */
    record Click(String actionId, String value, String channel, String ts, String responseUrl) {}

    /** The answer to a submission that carries no usable click or no input. */
    static final String UNUSABLE = "This form can no longer be used; close it and click the button again.";

    private InputModal() {}

    /** The click a submission's {@code private_metadata} carries, or null when it carries none. */
    static Click clickOf(ViewSubmissionPayload p, ObjectMapper json) {
        String metadata = p.getView() == null ? null : p.getView().getPrivateMetadata();
        if (metadata == null || metadata.isBlank()) {
            return null;
        }
        try {
            Click click = json.readValue(metadata, Click.class);
            return click == null || click.actionId() == null ? null : click;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The text typed into the modal's field, or null when the submission has none. */
    static String inputOf(ViewSubmissionPayload p) {
        if (p.getView() == null || p.getView().getState() == null) {
            return null;
        }
        Map<String, Map<String, ViewState.Value>> values =
                p.getView().getState().getValues();
        Map<String, ViewState.Value> block = values == null ? null : values.get(BLOCK);
        ViewState.Value value = block == null ? null : block.get(ACTION);
        return value == null ? null : value.getValue();
    }

    /**
     * Opens the modal for {@code h}'s prompt with the click's trigger_id.
     *
     * @throws SlackApiCallException when Slack refuses (e.g. expired_trigger_id)
     */
    static void open(ActionContext ctx, BlockActionPayload p, ActionHandler h, ObjectMapper json)
            throws IOException, SlackApiException {
        BlockActionPayload.Container c = p.getContainer();
        boolean ephemeral = c == null || c.isEphemeral();
        Click click = new Click(
                h.actionId(),
                p.getActions().get(0).getValue(),
                p.getChannel() == null ? null : p.getChannel().getId(),
                ephemeral ? null : c.getMessageTs(),
                p.getResponseUrl());
        String prompt = h.inputPrompt().orElseThrow();
        String metadata = json.writeValueAsString(click);
        ViewsOpenResponse r = ctx.client()
                .viewsOpen(v -> v.triggerId(p.getTriggerId()).view(view(x -> x.type("modal")
                        .callbackId(SlackBot.INPUT_CALLBACK)
                        .privateMetadata(metadata)
                        .title(viewTitle(t -> t.type("plain_text").text("Reason needed")))
                        .submit(viewSubmit(s -> s.type("plain_text").text("Submit")))
                        .close(viewClose(s -> s.type("plain_text").text("Back")))
                        .blocks(List.of(section(s -> s.text(markdownText(prompt))), input(i -> i.blockId(BLOCK)
                                .label(plainText("Reason"))
                                .element(PlainTextInputElement.builder()
                                        .actionId(ACTION)
                                        .multiline(true)
                                        .minLength(3)
                                        .maxLength(500)
                                        .build())))))));
        if (!r.isOk()) {
            throw new SlackApiCallException("views.open", r.getError(), null);
        }
    }
}
