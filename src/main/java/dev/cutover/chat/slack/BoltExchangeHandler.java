package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.cutover.core.chat.Message;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one Undertow exchange's signature on its raw bytes, then turns it into a Bolt request and
 * writes Bolt's answer back; a refused request is answered and logged by {@link RejectionLog}
 * without its body. Runs on an Undertow worker thread, never the IO thread: Bolt handlers block
 * (Web API calls, stores).
 */
final class BoltExchangeHandler {
    private static final Logger log = LoggerFactory.getLogger(BoltExchangeHandler.class);

    private static final String TEXT = "text/plain; charset=utf-8";

    private final App app;
    private final SlackSignatureVerifier verifier;
    private final SlackRequestParser parser;
    private final RejectionLog rejections;

    BoltExchangeHandler(App app, SlackSignatureVerifier verifier, RejectionLog rejections) {
        this.app = app;
        this.verifier = verifier;
        this.parser = new SlackRequestParser(app.config());
        this.rejections = rejections;
    }

    /** The ack of a slash command while the bot stops: shown only to the user who typed it. */
    static final String RESTARTING =
            "{\"response_type\":\"ephemeral\",\"text\":\":hourglass: cutover is restarting; try again in a moment.\"}";

    /** What a click is told (through its response_url) while the bot stops. */
    static final String CLICK_WHILE_RESTARTING =
            ":hourglass: cutover is restarting; nothing was done — click again in a moment.";

    /** The error a modal submission shows (the modal stays open) while the bot stops. */
    static final String SUBMIT_WHILE_RESTARTING = "cutover is restarting; nothing was done — submit again in a moment.";

    /** Non-null once draining: posts the answers to clicks made meanwhile. */
    private volatile ResponsePoster draining;

    /**
     * Answers one POST. The signature and timestamp are checked on the raw bytes before anything
     * reads the body: unverified bytes never reach Bolt's parser (which logs a body it does not
     * recognise) nor the log. The only unsigned request answered is Slack's ssl_check form.
     */
    void handle(HttpServerExchange exchange, byte[] rawBody) {
        try {
            SlackSignatureVerifier.Result result = verifier.verify(
                    header(exchange, SlackSignatureVerifier.TIMESTAMP_HEADER),
                    header(exchange, SlackSignatureVerifier.SIGNATURE_HEADER),
                    rawBody);
            if (!result.ok()) {
                reject(exchange, rawBody, result);
                return;
            }
            Request<?> request;
            try {
                request = parse(exchange, rawBody);
            } catch (RuntimeException e) {
                // Bolt's parser throws on a payload that is not JSON or lacks a field it reads (user,
                // team): a bad request, like one it does not recognise. The type only: bodies carry user text.
                log.warn(
                        "Unparseable Slack request ({}); answered 400",
                        e.getClass().getSimpleName());
                send(exchange, 400, TEXT, "Invalid Request");
                return;
            }
            java.util.Optional<String> missing = request == null
                    ? java.util.Optional.empty()
                    : RequiredFields.missing(request, new String(rawBody, UTF_8));
            if (missing.isPresent()) {
                // Slack always sends these: a forged or broken request, answered before any handler runs.
                log.warn("Slack {} without {}; answered 400", request.getRequestType(), missing.get());
                send(exchange, 400, TEXT, "Invalid Request: missing " + missing.get());
                return;
            }
            ResponsePoster drainAnswers = draining;
            if (drainAnswers != null && request != null) {
                answerWhileDraining(exchange, request, drainAnswers);
                return;
            }
            // A null request (unrecognised body) makes app.run answer 400 "Invalid Request".
            write(exchange, app.run(request));
        } catch (Exception e) {
            // Bolt lets handler exceptions escape app.run; the request fails, the server keeps serving.
            log.error("Slack request failed", e);
            send(exchange, 500, TEXT, "internal error");
        }
    }

    /**
     * Stops handing requests to the app (the bot is shutting down). Each request is still acked and
     * told that nothing was done: a slash command with an ephemeral "try again"; a click with an empty
     * ack, then the same only its user sees, posted by {@code answers} to its response_url (after the
     * ack, never holding it); a modal submission with a {@code response_action: errors} on its input,
     * so the modal stays open with what was typed. Anything else (events, a click without a
     * response_url) gets 503, which Slack shows as failed or delivers again.
     */
    void drain(ResponsePoster answers) {
        draining = java.util.Objects.requireNonNull(answers, "answers");
    }

    private static void answerWhileDraining(HttpServerExchange exchange, Request<?> request, ResponsePoster answers) {
        if (request instanceof SlashCommandRequest) {
            send(exchange, 200, "application/json; charset=utf-8", RESTARTING);
            return;
        }
        if (request instanceof BlockActionRequest click
                && click.getPayload().getResponseUrl() != null
                && !click.getPayload().getResponseUrl().isBlank()) {
            send(exchange, 200, TEXT, "");
            new SlackResponder(answers, click.getPayload().getResponseUrl())
                    .ephemeral(Message.text(CLICK_WHILE_RESTARTING));
            return;
        }
        if (request instanceof ViewSubmissionRequest submission) {
            java.util.Optional<String> input = firstInput(submission);
            if (input.isPresent()) {
                ObjectNode body = JSON.createObjectNode().put("response_action", "errors");
                body.putObject("errors").put(input.get(), SUBMIT_WHILE_RESTARTING);
                send(exchange, 200, "application/json; charset=utf-8", body.toString());
                return;
            }
        }
        send(exchange, 503, TEXT, "cutover is restarting; try again in a moment");
    }

    /** The block id of the submitted modal's input ({@link InputModal#BLOCK} when present). */
    private static java.util.Optional<String> firstInput(ViewSubmissionRequest submission) {
        var view = submission.getPayload().getView();
        var values =
                view == null || view.getState() == null ? null : view.getState().getValues();
        if (values == null || values.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                values.containsKey(InputModal.BLOCK)
                        ? InputModal.BLOCK
                        : values.keySet().iterator().next());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Logs (rate-limited, without the body) and answers a request refused before it was read. */
    void refuse(HttpServerExchange exchange, int status, String reason, long bytes) {
        rejections.rejected(reason, remoteAddress(exchange), exchange.getRequestPath(), bytes);
        send(exchange, status, TEXT, reason);
    }

    private void reject(HttpServerExchange exchange, byte[] rawBody, SlackSignatureVerifier.Result result) {
        if (SslCheckForm.matches(rawBody)) {
            // Slack sends ssl_check unsigned (Bolt exempts it too, MiddlewareOps.isNoSlackSignatureRequest)
            // and expects an empty 200; the app is not involved.
            send(exchange, 200, TEXT, "");
            return;
        }
        refuse(exchange, 401, result.reason(), rawBody == null ? -1 : rawBody.length);
    }

    private Request<?> parse(HttpServerExchange exchange, byte[] rawBody) {
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(exchange.getRequestPath())
                .queryString(queryString(exchange))
                .requestBody(new String(rawBody, UTF_8)) // Slack always sends UTF-8
                .headers(new RequestHeaders(headers(exchange)))
                .remoteAddress(remoteAddress(exchange))
                .build());
    }

    private static Map<String, List<String>> headers(HttpServerExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        return headers;
    }

    private static Map<String, List<String>> queryString(HttpServerExchange exchange) {
        Map<String, List<String>> query = new HashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        return query;
    }

    private static String header(HttpServerExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    private static String remoteAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null
                ? null
                : source.getAddress().getHostAddress();
    }

    private static void write(HttpServerExchange exchange, Response response) {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> {
                if (values != null) {
                    exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
                }
            });
        }
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        send(exchange, status, response.getContentType(), response.getBody() == null ? "" : response.getBody());
    }

    static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        exchange.getResponseSender().send(body, UTF_8);
    }
}
