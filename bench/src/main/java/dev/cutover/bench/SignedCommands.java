package dev.cutover.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slash commands as Slack sends them: a form body signed with {@code v0=HMAC-SHA256(secret,
 * "v0:<ts>:<body>")} in {@code X-Slack-Signature}, POSTed to {@code /slack/events}.
 *
 * @see <a href="https://api.slack.com/authentication/verifying-requests-from-slack">Verifying requests</a>
 */
final class SignedCommands {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String CHANNEL = "C0000000001";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final String responseBase;
    private final AtomicLong seq = new AtomicLong();

    /**
     * @param port the server's port on 127.0.0.1
     * @param responseBase where response_urls point, e.g. {@code http://127.0.0.1:8080/response/}
     */
    SignedCommands(int port, String responseBase) {
        this.events = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.responseBase = responseBase;
    }

    /** POSTs {@code /command text} and returns the HTTP status (the ack). */
    int send(String command, String text) throws Exception {
        long n = seq.incrementAndGet();
        String body = "token=legacy0001&team_id=T0000000001&team_domain=example&channel_id=" + CHANNEL
                + "&channel_name=ops&user_id=U0000000001&user_name=u0000000001&command=" + enc(command)
                + "&text=" + enc(text) + "&api_app_id=A0000000001&is_enterprise_install=false&response_url="
                + enc(responseBase + "cmd-" + n) + "&trigger_id=" + enc("1111.2222." + n);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest req = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(String ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(digest);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
