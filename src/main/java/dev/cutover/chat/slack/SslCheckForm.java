package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.HashSet;
import java.util.Set;

/**
 * Recognises Slack's unsigned SSL certificate check, the one request Slack sends without a
 * signature: a form post of {@code ssl_check=1} and a {@code token}, sent to slash command URLs
 * (see Slack's "Slash commands" docs, "SSL certificate check"). Checked field by field on a
 * small body, without any parser that could log it.
 */
final class SslCheckForm {
    /** An ssl_check form is about 40 bytes; anything much longer is something else. */
    static final int MAX_BYTES = 256;

    private SslCheckForm() {}

    /**
     * True when {@code body} is exactly {@code ssl_check=1} plus an optional {@code token} field of
     * letters and digits, in any order, each field once.
     */
    static boolean matches(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BYTES) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (String field : new String(body, US_ASCII).split("&", -1)) {
            int eq = field.indexOf('=');
            String name = eq < 0 ? field : field.substring(0, eq);
            String value = eq < 0 ? "" : field.substring(eq + 1);
            boolean known =
                    switch (name) {
                        case "ssl_check" -> value.equals("1");
                        case "token" -> value.chars().allMatch(SslCheckForm::alphanumeric);
                        default -> false;
                    };
            if (!known || !seen.add(name)) {
                return false;
            }
        }
        return seen.contains("ssl_check");
    }

    private static boolean alphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
