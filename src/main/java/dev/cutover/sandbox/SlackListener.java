package dev.cutover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** Hears what the bot sends to the sandbox's Slack stand-in; every message is Slack's JSON. */
public interface SlackListener {
    /** chat.postMessage; {@code threadTs} is the parent for a thread reply, else null. */
    void posted(String channel, String ts, @Nullable String threadTs, ObjectNode message);

    /** chat.update of the message at {@code ts}. */
    void updated(String channel, String ts, ObjectNode message);

    /** chat.postEphemeral to {@code user}. */
    void ephemeral(String user, ObjectNode message);

    /** views.open: a modal for the click with {@code triggerId}. */
    void viewOpened(String triggerId, ObjectNode view);

    /** views.publish: {@code view} is now the Home of {@code user}. */
    default void homePublished(String user, ObjectNode view) {}

    /** A POST to a response_url: {@code response_type}, {@code replace_original}, text and blocks. */
    void responded(JsonNode response);
}
