package dev.cutover.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration written as {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or
 * ISO-8601 ({@code PT15M}). A bare number is refused: config reads far better with its unit said.
 */
final class DurationDeserializer extends JsonDeserializer<Duration> {
    private static final Pattern HUMAN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        if (text == null) {
            throw ctxt.weirdStringException(
                    p.getText(), Duration.class, "a duration needs a unit: 500ms, 90s, 15m, 2h, 1d");
        }
        Duration d = parse(text.strip());
        if (d == null) {
            throw ctxt.weirdStringException(text, Duration.class, "expected a duration such as 500ms, 90s, 15m, 2h");
        }
        return d;
    }

    /** Parses {@code text}; returns null when it is not a duration. */
    static Duration parse(String text) {
        Matcher m = HUMAN.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
