package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example config we ship must load, so the README's examples never rot. */
class ExampleConfigTest {
    private static final Map<String, String> ENV =
            Map.of("SLACK_BOT_TOKEN", "xoxb-example", "CUTOVER_DB_PASSWORD", "example", "WARMUP_TOKEN", "example");

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("config"))
                .filter(p -> p.getFileName().toString().endsWith(".example.yml"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loads(Path file) {
        CutoverConfig c = new ConfigLoader(new EnvInterpolator(ENV::get)).load(file);
        assertThat(c).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void mainExampleDefinesTheBlueGreenPair(Path file) {
        if (file.getFileName().toString().equals("cutover.example.yml")) {
            CutoverConfig c = new ConfigLoader(new EnvInterpolator(ENV::get)).load(file);
            assertThat(c.pair("blue-green")).get().satisfies(p -> {
                assertThat(p.blue()).isEqualTo("blue.example.com.");
                assertThat(p.approvers()).contains("S0123SRE");
            });
        }
    }
}
