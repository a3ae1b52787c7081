package dev.cutover;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Slack's message limits, checked on a reply as Slack would check it. */
final class SlackLimits {
    /** Slack's limits: https://api.slack.com/reference/block-kit/blocks and chat.postMessage. */
    static final int MAX_TEXT = 40_000;

    static final int MAX_SECTION_TEXT = 3_000;
    static final int MAX_FIELD_TEXT = 2_000;
    static final int MAX_BLOCKS = 50;

    private SlackLimits() {}

    /** Fails, naming {@code what}, when {@code body} (an ack or a posted message) breaks a limit. */
    static void assertWithinSlackLimits(String body, String what) {
        if (body == null || !body.startsWith("{")) {
            assertThat(body == null ? 0 : body.length()).as(what).isLessThanOrEqualTo(MAX_TEXT);
            return;
        }
        JsonNode reply = SlackFake.json(body);
        assertThat(reply.path("text").asText().length()).as(what).isLessThanOrEqualTo(MAX_TEXT);
        JsonNode blocks = reply.path("blocks");
        assertThat(blocks.size()).as(what).isLessThanOrEqualTo(MAX_BLOCKS);
        for (JsonNode block : blocks) {
            assertThat(block.path("text").path("text").asText().length())
                    .as(what)
                    .isLessThanOrEqualTo(MAX_SECTION_TEXT);
            for (JsonNode field : block.path("fields")) {
                assertThat(field.path("text").asText().length()).as(what).isLessThanOrEqualTo(MAX_FIELD_TEXT);
            }
        }
    }

    /** The first 300 characters of a body, line breaks shown as {@code \\n}, for failure messages. */
    static String preview(Object body) {
        String s = body instanceof byte[] b ? new String(b, UTF_8) : String.valueOf(body);
        String cut = s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
        return cut.replace("\n", "\\n");
    }
}
