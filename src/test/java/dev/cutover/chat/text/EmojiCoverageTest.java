package dev.cutover.chat.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sandbox console shows every emoji shortcode the bot's messages use, not just some of them. */
class EmojiCoverageTest {
    /**
     * A shortcode inside a string literal: after its opening quote or a space, before a space or
     * its closing quote.
     */
    static final Pattern SHORTCODE = Pattern.compile("(?<=[\"\\s]):[a-z][a-z0-9_]*:(?=[\\s\"])");

    /** Literals that look like shortcodes but are not: parts of Redis keys and of an alarm's ARN. */
    static final Set<String> NOT_EMOJI = Set.of(":req:", ":pair:", ":shift:", ":alarm:");

    static Set<String> shortcodesInMainSources() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("Emoji.java"))
                    .forEach(f -> {
                        try {
                            Matcher m = SHORTCODE.matcher(Files.readString(f));
                            while (m.find()) {
                                found.add(m.group());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        found.removeAll(NOT_EMOJI);
        return found;
    }

    @Test
    void everyShortcodeInTheSourcesHasAnEmoji() throws IOException {
        Set<String> used = shortcodesInMainSources();

        assertThat(used).contains(":warning:", ":mag:", ":octagonal_sign:").hasSizeGreaterThan(30);
        assertThat(used).allSatisfy(code -> assertThat(Emoji.of(code)).as(code).isNotEqualTo(code));
    }

    @Test
    void theConsoleShowsTheMagnifierAndTheStopSign() {
        PlainTextRenderer renderer = new PlainTextRenderer(Map.of());

        assertThat(renderer.plain(":mag: Planning a dry run")).isEqualTo("🔍 Planning a dry run");
        assertThat(renderer.plain(":octagonal_sign: Stopping")).isEqualTo("🛑 Stopping");
    }
}
