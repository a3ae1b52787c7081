package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
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
 * Turns one verified Undertow exchange into a Bolt request and writes Bolt's answer back. Runs on an
 * Undertow worker thread, never the IO thread: Bolt handlers block (Web API calls, stores).
 */
final class BoltExchangeHandler {
    private static final Logger log = LoggerFactory.getLogger(BoltExchangeHandler.class);

    private static final String TEXT = "text/plain; charset=utf-8";

    private final App app;
    private final SlackSignatureVerifier verifier;
    private final SlackRequestParser parser;

    BoltExchangeHandler(App app, SlackSignatureVerifier verifier) {
        this.app = app;
        this.verifier = verifier;
        this.parser = new SlackRequestParser(app.config());
    }

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
            // A null request (unrecognised body) makes app.run answer 400 "Invalid Request".
            write(exchange, app.run(request));
        } catch (Exception e) {
            // Bolt lets handler exceptions escape app.run; the request fails, the server keeps serving.
            log.error("Slack request failed", e);
            send(exchange, 500, TEXT, "internal error");
        }
    }

    private void reject(HttpServerExchange exchange, byte[] rawBody, SlackSignatureVerifier.Result result) {
        if (isSslCheck(exchange, rawBody)) {
            // Bolt exempts ssl_check from signing (MiddlewareOps.isNoSlackSignatureRequest) and answers it
            // without calling a handler; answer it here the same way, without touching the app.
            send(exchange, 200, TEXT, "");
            return;
        }
        log.info("Rejected a Slack request from {}: {}", remoteAddress(exchange), result.reason());
        send(exchange, 401, TEXT, result.reason());
    }

    private boolean isSslCheck(HttpServerExchange exchange, byte[] rawBody) {
        try {
            Request<?> request = parse(exchange, rawBody);
            return request != null && request.getRequestType() == RequestType.SSLCheck;
        } catch (RuntimeException e) {
            return false; // unsigned garbage: a plain 401
        }
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
