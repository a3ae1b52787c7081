package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs request bodies exactly as Slack does, for tests: {@code v0=} + lowercase hex
 * HMAC-SHA256(secret, {@code "v0:<ts>:"} + raw body bytes), secret and prefix as UTF-8. Written
 * independently of {@link SlackSignatureVerifier} so that a bug there cannot hide in both.
 */
public final class SlackTestSigner {
    /** The signing secret the shared test apps use. */
    public static final String TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private final String secret;

    public SlackTestSigner(String secret) {
        this.secret = secret;
    }

    /** {@code v0=<hex>} for {@code body} signed at {@code timestamp} (Unix seconds). */
    public String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two Slack headers for {@code body} signed at {@code timestamp}. */
    public Map<String, String> headers(long timestamp, byte[] body) {
        return Map.of(
                SlackSignatureVerifier.TIMESTAMP_HEADER, Long.toString(timestamp),
                SlackSignatureVerifier.SIGNATURE_HEADER, sign(timestamp, body));
    }

    /**
     * The form body Slack posts for interactivity: {@code payload=<json>} URL-encoded the way Slack
     * does it (PHP-style {@code urlencode}), which differs from {@link URLEncoder} only in encoding
     * {@code *} as {@code %2A}. Sign the returned bytes, never a re-encoding.
     */
    public static byte[] interactivePayloadForm(String json) {
        String encoded = URLEncoder.encode(json, UTF_8).replace("*", "%2A");
        return ("payload=" + encoded).getBytes(UTF_8);
    }

    /** Bytes of a test resource, e.g. {@code /slack/slash-command-swap.form}. */
    public static byte[] resource(String path) {
        try (InputStream in = SlackTestSigner.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
