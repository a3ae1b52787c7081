package dev.cutover.chat.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Socket Mode envelope through the Bolt {@link App} and acks it, as Bolt's {@code SocketModeApp}
 * does: Bolt only wires this into clients it creates itself (with its own session monitor), and cutover
 * creates the clients so that it owns the link's health (see {@link SocketModeRunner}).
 *
 * <p>The ack follows <a href="https://api.slack.com/apis/socket-mode#acknowledge">Slack's rule</a>:
 * {@code {"envelope_id": "..."}}, plus {@code "payload"} when the handler answered with a body (a JSON
 * body as is, plain text as {@code {"text": ...}}). A handler that answers other than 200, or throws,
 * gets no ack, like in Bolt.
 */
final class SocketModeDispatcher {
    private static final Logger log = LoggerFactory.getLogger(SocketModeDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final App app;
    private final SocketModeRequestParser parser;

    SocketModeDispatcher(App app) {
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
    }

    /** Handles one raw Socket Mode message received on {@code client}; non-envelopes are ignored. */
    void dispatch(String message, SocketModeClient client) {
        SocketModeRequest req = parser.parse(message);
        if (req == null) {
            return; // hello and other control messages
        }
        String envelopeId = req.getEnvelope().getEnvelopeId();
        String ack;
        try {
            Response res = app.run(req.getBoltRequest());
            if (res.getStatusCode() != 200) {
                log.warn("Socket Mode envelope {} not acked: the handler answered {}", envelopeId, res.getStatusCode());
                return;
            }
            ack = ack(envelopeId, res);
        } catch (Exception e) {
            log.error("Socket Mode envelope {} failed in its handler; not acked", envelopeId, e);
            return;
        }
        try {
            client.sendSocketModeResponse(ack);
        } catch (RuntimeException e) {
            // The link closed while the handler ran; Slack retries unacked events on the next link.
            log.info("Socket Mode ack for envelope {} not sent: {}", envelopeId, e.getMessage());
        }
    }

    static String ack(String envelopeId, Response res) throws JsonProcessingException {
        ObjectNode ack = JSON.createObjectNode().put("envelope_id", envelopeId);
        String body = res.getBody();
        if (body != null && !body.isEmpty()) {
            String type = res.getContentType();
            if (type != null && type.startsWith("application/json")) {
                ack.set("payload", JSON.readTree(body));
            } else {
                ack.putObject("payload").put("text", body);
            }
        }
        return JSON.writeValueAsString(ack);
    }
}
