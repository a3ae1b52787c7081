package dev.cutover.sandbox.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's side of a request to the bot: POSTs a form body to the bot's request URL, signed as Slack
 * signs it ({@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the app's signing
 * secret), so the bot checks it with its production verifier. The signing here is written from
 * Slack's documentation, apart from the bot's verifier, so the sandbox exercises that verifier.
 *
 * @see <a href="https://api.slack.com/authentication/verifying-requests-from-slack">Verifying requests from Slack</a>
 */
public final class SignedSlackRequests {
    private static final String ALGORITHM = "HmacSHA256";

    private final URI endpoint;
    private final SecretKeySpec key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param endpoint the bot's Slack request URL
     * @param signingSecret the app's signing secret, as the bot is configured with it
     */
    public SignedSlackRequests(URI endpoint, String signingSecret) {
        this.endpoint = endpoint;
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Signs {@code body} now and POSTs it to the bot.
     *
     * @return the bot's HTTP response (the ack)
     * @throws IOException when the bot cannot be reached
     */
    HttpResponse<String> send(String body) throws IOException {
        return send(body, "application/x-www-form-urlencoded");
    }

    /**
     * Signs the Events API JSON {@code body} now and POSTs it to the bot.
     *
     * @return the bot's HTTP response (the ack)
     * @throws IOException when the bot cannot be reached
     */
    HttpResponse<String> sendEvent(String body) throws IOException {
        return send(body, "application/json");
    }

    private HttpResponse<String> send(String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature(ts, bytes))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String signature(String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SignedSlackRequests[" + endpoint + "]"; // never the secret
    }
}
