package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example config we ship must load, so the README's examples never rot: the main example on
 * its own, and all of them merged into one file, the way the README tells people to use them.
 */
class ExampleConfigTest {
    private static final Map<String, String> ENV =
            Map.of("SLACK_BOT_TOKEN", "xoxb-example", "CUTOVER_DB_PASSWORD", "example", "WARMUP_TOKEN", "example");

    private static ConfigLoader loader() {
        return new ConfigLoader(new EnvInterpolator(ENV::get));
    }

    @Test
    void mainExampleLoadsAndDefinesTheBlueGreenPair() {
        CutoverConfig c = loader().load(Path.of("config/cutover.example.yml"));
        assertThat(c.pair("blue-green")).get().satisfies(p -> {
            assertThat(p.blue()).isEqualTo("blue.example.com.");
            assertThat(p.approvers()).contains("S0123SRE");
        });
    }

    @Test
    void allExamplesMergedIntoOneFileLoad() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            examples = files.filter(p -> p.getFileName().toString().endsWith(".example.yml"))
                    .sorted()
                    .toList();
        }
        assertThat(examples)
                .extracting(p -> p.getFileName().toString())
                .contains("cutover.example.yml", "jobs.example.yml", "alerts.example.yml");
        StringBuilder merged = new StringBuilder();
        for (Path p : examples) {
            merged.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
        }
        CutoverConfig c = loader().parse("merged.yml", merged.toString());
        assertThat(c.jobs()).isNotEmpty();
        assertThat(c.queues()).isNotEmpty();
        assertThat(c.services()).isNotEmpty();
    }
}
