package dev.cutover.chat.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ActionInvocation;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CommandResult;
import dev.cutover.commands.FailureText;
import dev.cutover.commands.Invocation;
import dev.cutover.commands.Responder;
import dev.cutover.core.approval.StoreUnavailableException;
import dev.cutover.core.audit.LogContext;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the chat commands and button handlers on a Bolt app. Every handler validates on the
 * request thread and acks at once (Slack's 3-second rule); slow work runs on {@code executor}
 * and reports through the response_url or the Web API.
 *
 * <p>A button whose handler asks for input opens a modal with one text field (the click's
 * trigger_id lives about 3 s, so the modal opens before anything slow); the submission carries
 * the click in {@code private_metadata} and runs the handler with the typed text.
 *
 * @see <a href="https://api.slack.com/interactivity/handling#acknowledgment_response">Acknowledgment</a>
 */
public final class SlackBot {
    static final String INPUT_CALLBACK = "cutover.input";
    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The answer when the work queue is full: nothing was started, so trying again is safe. */
    static final String BUSY = ":hourglass: The bot is busy right now and did not start this; nothing was"
            + " changed. Try again in a minute.";

    private final App app;
    private final Executor executor;
    private final ResponsePoster poster;
    private @Nullable BiConsumer<String, String> homeNotice;

    /**
     * @param executor runs the slow part of every command and click after the ack; throws {@link
     *     RejectedExecutionException} when its queue is full, and the user is told the bot is busy
     * @param poster answers users through response_urls, on its own threads
     */
    public SlackBot(App app, Executor executor, ResponsePoster poster) {
        this.app = app;
        this.executor = executor;
        this.poster = poster;
    }

    /** Registers {@code commands} as slash commands and {@code actions} as block action handlers. */
    public void register(List<ChatCommand> commands, List<ActionHandler> actions) {
        for (ChatCommand c : commands) {
            app.command("/" + c.name(), (req, ctx) -> {
                // The user's id goes with the follow-up (see runLater): its lines name who asked.
                try (LogContext.Scope u =
                        LogContext.with(LogContext.SLACK_USER, req.getPayload().getUserId())) {
                    return command(c, req, ctx);
                }
            });
        }
        for (ActionHandler h : actions) {
            app.blockAction(h.actionId(), (req, ctx) -> {
                try (LogContext.Scope u = LogContext.with(LogContext.SLACK_USER, userOf(req.getPayload()))) {
                    return click(h, req, ctx);
                }
            });
        }
        app.viewSubmission(INPUT_CALLBACK, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            try (LogContext.Scope u = LogContext.with(
                    LogContext.SLACK_USER,
                    p.getUser() == null ? null : p.getUser().getId())) {
                return submitted(actions, req, ctx);
            }
        });
    }

    /**
     * Registers the App Home: on {@code app_home_opened} of the Home tab (with or without a {@code
     * view}: a first visit has none) acks at once and hands the user to {@code opened}, which must
     * return at once (it publishes on its own threads). Clicks on the Home carry no response_url:
     * what a handler answers the clicking user is handed to {@code notice} (user id, mrkdwn), to be
     * shown on their Home.
     */
    public void registerHome(Consumer<String> opened, BiConsumer<String, String> notice) {
        this.homeNotice = notice;
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent e = req.getEvent();
            // The Messages and About tabs send this event too; only the Home tab shows a view.
            if (e != null
                    && e.getUser() != null
                    && (e.getTab() == null || e.getTab().equals("home"))) {
                try (LogContext.Scope u = LogContext.with(LogContext.SLACK_USER, e.getUser())) {
                    opened.accept(e.getUser());
                }
            }
            return ctx.ack();
        });
    }

    /** Answers {@code user} through {@code responseUrl}, or on their Home when there is none (a click on the Home). */
    private Responder responder(@Nullable String responseUrl, @Nullable String user) {
        BiConsumer<String, String> notice = homeNotice;
        if (responseUrl == null && notice != null && user != null) {
            return new Responder() {
                @Override
                public void ephemeral(Message message) {
                    notice.accept(user, message.text());
                }

                @Override
                public void replaceOriginal(Message message) {
                    notice.accept(user, message.text());
                }
            };
        }
        return new SlackResponder(poster, responseUrl);
    }

    private static String userOf(BlockActionPayload p) {
        return p.getUser() == null ? null : p.getUser().getId();
    }

    private Response command(ChatCommand c, SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Responder responder = new SlackResponder(poster, p.getResponseUrl());
        CommandResult r = safely(
                () -> c.handle(new Invocation(c.name(), p.getText(), p.getUserId(), p.getChannelId(), responder)));
        if (!runLater(r, responder)) {
            return ctx.ack(res -> res.responseType("ephemeral").text(BUSY));
        }
        return r.ephemeral() == null
                ? ctx.ack()
                : ctx.ack(res -> res.responseType("ephemeral")
                        .text(BlockKitRenderer.text(r.ephemeral()))
                        .blocks(BlockKitRenderer.render(r.ephemeral())));
    }

    private Response click(ActionHandler h, BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        Responder responder = responder(p.getResponseUrl(), userOf(p));
        if (h.inputPrompt().isPresent()) {
            // The modal opens right after the ack (the trigger_id lives 3 s), on the Slack-call
            // threads: a slow views.open never delays the ack nor holds a worker.
            poster.run(() -> openModal(h, p, ctx, responder));
            return ctx.ack();
        }
        ActionInvocation click = new ActionInvocation(
                h.actionId(),
                p.getActions().get(0).getValue(),
                p.getUser().getId(),
                p.getChannel() == null ? null : p.getChannel().getId(),
                messageOf(p),
                null,
                responder);
        // The handler decides nothing here (ArchitectureTest keeps its handle free of ports): what
        // reads the store or the directory is its follow-up, run after the ack.
        CommandResult r = safely(() -> h.handle(click));
        if (r.ephemeral() != null) {
            tell(responder, r.ephemeral());
        }
        if (!runLater(r, responder)) {
            // A click's ack carries no text: the answer goes through the response_url, on its own threads.
            tell(responder, Message.text(BUSY));
        }
        return ctx.ack();
    }

    private static void openModal(ActionHandler h, BlockActionPayload p, ActionContext ctx, Responder responder) {
        try {
            InputModal.open(ctx, p, h, JSON);
        } catch (IOException | com.slack.api.methods.SlackApiException | RuntimeException e) {
            // E.g. expired_trigger_id when Slack was slow: the click did nothing, say so.
            log.warn("could not open the {} form: {}", h.actionId(), e.toString());
            String why = e instanceof SlackApiCallException s
                    ? s.error()
                    : e.getClass().getSimpleName();
            tell(
                    responder,
                    Message.text(":warning: Could not open the form that asks for a reason (" + why
                            + "); nothing was decided. Click the button again."));
        }
    }

    private Response submitted(List<ActionHandler> actions, ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = req.getPayload();
        InputModal.Click meta = InputModal.clickOf(p, JSON);
        ActionHandler h = meta == null
                ? null
                : actions.stream()
                        .filter(a -> a.actionId().equals(meta.actionId()))
                        .findFirst()
                        .orElse(null);
        String input = InputModal.inputOf(p);
        if (h == null || input == null || p.getUser() == null) {
            // Not a modal this bot opened (or one from an older version): nothing to decide on.
            log.warn("Unusable modal submission (no known click or no input); asked the user to click again");
            return ctx.ackWithErrors(Map.of(InputModal.BLOCK, InputModal.UNUSABLE));
        }
        Responder responder = responder(meta.responseUrl(), p.getUser().getId());
        MessageRef message = meta.ts() == null ? null : new MessageRef(meta.channel(), meta.ts());
        CommandResult r = safely(() -> h.handle(new ActionInvocation(
                meta.actionId(), meta.value(), p.getUser().getId(), meta.channel(), message, input, responder)));
        if (r.ephemeral() != null && r.followUp() == null) {
            // Refused: say why inside the modal, next to the field, and keep it open.
            return ctx.ackWithErrors(Map.of(InputModal.BLOCK, r.ephemeral().text()));
        }
        if (!runLater(r, responder)) {
            return ctx.ackWithErrors(Map.of(InputModal.BLOCK, BUSY));
        }
        return ctx.ack();
    }

    private static MessageRef messageOf(BlockActionPayload p) {
        BlockActionPayload.Container c = p.getContainer();
        if (c == null || c.isEphemeral() || c.getMessageTs() == null) {
            return null;
        }
        return new MessageRef(c.getChannelId(), c.getMessageTs());
    }

    /** Hands {@code r}'s follow-up to the executor; false when its queue is full (nothing was run). */
    private boolean runLater(CommandResult r, Responder responder) {
        if (r.followUp() == null) {
            return true;
        }
        try {
            // The follow-up runs with this request's log fields, and leaves none on the pool thread.
            executor.execute(LogContext.propagating(() -> runNow(r, responder)));
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("work queue full; told the user the bot is busy");
            return false;
        }
    }

    private static void runNow(CommandResult r, Responder responder) {
        if (r.followUp() == null) {
            return;
        }
        try {
            r.followUp().run();
        } catch (RuntimeException e) {
            logFailure("command follow-up failed", e);
            try {
                responder.ephemeral(Message.text(words(e)));
            } catch (RuntimeException e2) {
                log.warn("could not report the failure to the user: {}", e2.toString());
            }
        }
    }

    private static void tell(Responder responder, Message message) {
        try {
            responder.ephemeral(message);
        } catch (RuntimeException e) {
            log.warn("could not answer the user: {}", e.toString());
        }
    }

    private static CommandResult safely(Supplier<CommandResult> handler) {
        try {
            return handler.get();
        } catch (RuntimeException e) {
            logFailure("command failed", e);
            return CommandResult.reply(words(e));
        }
    }

    /** Expected outages of Slack or Redis: one line is enough; anything else with its stack. */
    private static void logFailure(String what, RuntimeException e) {
        if (e instanceof SlackApiCallException || e instanceof StoreUnavailableException) {
            log.warn("{}: {}", what, e.toString());
        } else {
            log.error(what, e);
        }
    }

    /** What the user is told: never the exception's message, which goes to the log. */
    private static String words(RuntimeException e) {
        if (e instanceof SlackApiCallException s) {
            return ":warning: Slack refused a call the bot made (`" + s.error() + "`); nothing was changed. Try again.";
        }
        return FailureText.reply(e);
    }
}
