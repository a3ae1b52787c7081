package dev.cutover.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instructions of a Dockerfile as the builder reads them: comment lines dropped (also inside a
 * continuation), lines ending in a backslash joined, each instruction with the line it starts on
 * and the comment lines right above it.
 */
record DockerfileInstructions(List<DockerfileInstructions.Instruction> all) {
    static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One instruction: {@code FROM}, {@code RUN}, ...; {@code args} is the rest, continuations joined. */
    record Instruction(String keyword, String args, int line, List<String> comments) {
        /** The arguments of an exec-form instruction ({@code ["a", "b"]}), after {@code prefix}. */
        List<String> execForm(String prefix) {
            String rest = args.strip();
            if (!rest.startsWith(prefix)) {
                throw new AssertionError("line " + line + ": expected " + prefix + " in " + args);
            }
            try {
                return List.of(JSON.readValue(rest.substring(prefix.length()).strip(), String[].class));
            } catch (IOException e) {
                throw new AssertionError("line " + line + ": not in exec form (a JSON array): " + args, e);
            }
        }
    }

    static DockerfileInstructions read() {
        try {
            return parse(Files.readAllLines(DOCKERFILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DockerfileInstructions parse(List<String> lines) {
        List<Instruction> out = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                if (current == null) {
                    comments.add(trimmed.substring(1).strip());
                }
                continue;
            }
            if (trimmed.isEmpty() && current == null) {
                comments.clear();
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(
                            continues
                                    ? trimmed.substring(0, trimmed.length() - 1).strip()
                                    : trimmed)
                    .append(' ');
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                out.add(new Instruction(
                        text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip(),
                        start,
                        List.copyOf(comments)));
                comments.clear();
                current = null;
            }
        }
        return new DockerfileInstructions(List.copyOf(out));
    }

    /** The instructions with {@code keyword}. */
    List<Instruction> of(String keyword) {
        return all.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the last stage: from its {@code FROM} on. */
    DockerfileInstructions finalStage() {
        int last = all.lastIndexOf(of("FROM").get(of("FROM").size() - 1));
        return new DockerfileInstructions(all.subList(last, all.size()));
    }
}
