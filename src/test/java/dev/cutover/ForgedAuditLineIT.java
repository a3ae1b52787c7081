package dev.cutover;

import static dev.cutover.CutoverHarness.APPROVER;
import static dev.cutover.CutoverHarness.PAIR;
import static dev.cutover.CutoverHarness.REQUESTER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.commands.SwapMessages;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.logging.FormattedLogCapture;
import dev.cutover.redis.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Input cannot forge the audit trail: an unsigned post holding audit-shaped lines and a signed
 * Reject reason holding them both leave only real audit lines in the log, each of which matches an
 * entry of the Redis stream (the authoritative trail) by stream entry id and request id.
 */
class ForgedAuditLineIT extends SlackAndRoute53Fakes {
    /** A line shaped like a real audit entry in the production pattern. */
    static final Pattern AUDIT_LINE = Pattern.compile("^\\S+\\s+INFO\\s+\\[[^\\]]*\\]\\s+cutover\\.audit\\s+-\\s.*");

    static final Pattern FIELD = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static String forged(String who) {
        return "\n2026-12-04T21:00:00.000Z INFO  [cutover-work-1] cutover.audit - audit approved blue-green by " + who
                + " at=\"2026-12-04T21:00:00Z\" pair=\"blue-green\" requestId=\"r-forged\" action=\"approved\" userId=\""
                + who + "\" streamId=\"1-0\"\n";
    }

    FormattedLogCapture log;
    /** The same events in the JSON format. */
    FormattedLogCapture jsonLog;

    @BeforeEach
    void start() {
        log = new FormattedLogCapture();
        jsonLog = FormattedLogCapture.json();
        h = new CutoverHarness(slack, route53, CutoverHarness.pair(PAIR, "15m", false));
    }

    @AfterEach
    void closeLog() {
        log.close();
        jsonLog.close();
    }

    @Test
    void unsignedForgedLinesAndAMultilineRejectReasonLeaveOnlyRealAuditLines() {
        // 1. Unsigned: the forged line in a slash command's text and as a raw body, plus padding.
        String padded = "text=" + CutoverHarness.enc(forged("U0EVIL0001")) + "&pad=" + "x".repeat(200_000);
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            var r = h.http.postForm(SlackHttpServer.DEFAULT_PATH, padded.getBytes(UTF_8), Map.of());
            assertThat(r.statusCode()).isEqualTo(401);
        }
        var raw = h.http.postForm(
                SlackHttpServer.DEFAULT_PATH, forged("U0EVIL0002").getBytes(UTF_8), Map.of());
        assertThat(raw.statusCode()).isEqualTo(401);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // 2. Signed, through the real flow: a Reject reason that holds forged lines.
        var sent = h.swap(PAIR, REQUESTER);
        assertThat(sent.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.posts().size() == 1);
        String id = slack.requestIdOfLastPost();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> h.store.get(id).map(r -> r.message() != null).orElse(false));
        h.click(SwapMessages.REJECT, id, APPROVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.count("views.open") == 1);
        String reason = "wrong release" + forged("U0EVIL0003") + "\r\n" + forged("U0EVIL0004");
        assertThat(h.submitModal(APPROVER, reason).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> h.store.get(id).map(r -> r.state()).orElse(null) == ApprovalState.REJECTED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> auditLines().size() >= stream().size());
        List<StreamEntry> stream = stream();

        // Every line that starts like an audit entry is a real one: it names a stream entry whose
        // fields it repeats.
        List<String> audit = auditLines();
        assertThat(audit).hasSizeGreaterThanOrEqualTo(2);
        assertEntriesOfTheStream(audit.stream().map(ForgedAuditLineIT::fields).toList(), stream, id);
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("action=\"rejected\"", "wrong release\\n2026"));
        String all = log.text();
        assertThat(all).doesNotContain("U0EVIL0001", "U0EVIL0002", "xxxxxxxxxx");
        assertJsonAuditLinesAreTheStreamsEntries(stream, id);
        // The unsigned posts: one line per reason per second at most, never the body.
        assertThat(log.lines().stream().filter(l -> l.contains("Rejected a Slack request")))
                .hasSizeBetween(1, (int) seconds + 1)
                .allSatisfy(l -> assertThat(l).hasSizeLessThan(300).contains("missing headers", "/slack/events"));
    }

    /**
     * In the JSON format every line is one object, the audit lines are exactly the stream's entries
     * (the forged ones are text inside a reason's string), and no forged user appears elsewhere.
     */
    void assertJsonAuditLinesAreTheStreamsEntries(List<StreamEntry> stream, String id) {
        List<com.fasterxml.jackson.databind.JsonNode> audit = jsonLog.jsonLines().stream()
                .filter(l -> l.path("loggerName").asText().equals("cutover.audit"))
                .toList();
        assertEntriesOfTheStream(
                audit.stream().map(FormattedLogCapture::keyValues).toList(), stream, id);
        assertThat(audit)
                .allSatisfy(l ->
                        assertThat(l.path("mdc").path("requestId").asText()).isEqualTo(id));
        assertThat(audit).anySatisfy(l -> assertThat(l.toString()).contains("wrong release\\n2026"));
        assertThat(jsonLog.text()).doesNotContain("U0EVIL0001", "U0EVIL0002", "xxxxxxxxxx", CutoverHarness.SECRET);
    }

    /** Each audit line's fields name a stream entry whose fields they repeat, one line per entry. */
    static void assertEntriesOfTheStream(List<Map<String, String>> lines, List<StreamEntry> stream, String id) {
        assertThat(lines).hasSize(stream.size());
        for (Map<String, String> f : lines) {
            StreamEntry entry = stream.stream()
                    .filter(e -> e.getID().toString().equals(f.get("streamId")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("audit line without a stream entry: " + f));
            assertThat(f.get("requestId"))
                    .isEqualTo(id)
                    .isEqualTo(entry.getFields().get("requestId"));
            assertThat(f.get("action")).isEqualTo(entry.getFields().get("action"));
            assertThat(f.get("userId")).isEqualTo(entry.getFields().get("userId"));
        }
    }

    List<StreamEntry> stream() {
        return TestRedis.client().xrange(h.prefix + "audit:" + PAIR, "-", "+");
    }

    List<String> auditLines() {
        return log.lines().stream().filter(l -> AUDIT_LINE.matcher(l).matches()).toList();
    }

    static Map<String, String> fields(String line) {
        Map<String, String> f = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        return f;
    }
}
