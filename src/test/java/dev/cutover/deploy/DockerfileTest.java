package dev.cutover.deploy;

import static dev.cutover.deploy.Defaults.OPS_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.deploy.DockerfileInstructions.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's rules, checked without an engine (lint): base images fully qualified and pinned
 * by digest with their tag named, tini as PID 1, a HEALTHCHECK on the ops port with a binary the
 * image has, JVM options on the command line (never the variables that print "Picked up"), a
 * non-root user, and EXPOSE of exactly the ports the bot opens by default.
 */
class DockerfileTest {
    /** {@code registry-host/path@sha256:<64 hex>}, optionally {@code AS stage}. */
    static final Pattern PINNED_FROM = Pattern.compile(
            "(?<host>[a-z0-9-]+(\\.[a-z0-9-]+)+(:\\d+)?)/(?<path>[a-z0-9._/-]+)@sha256:[0-9a-f]{64}( AS [a-z][a-z0-9_-]*)?");

    final DockerfileInstructions dockerfile = DockerfileInstructions.read();
    final DockerfileInstructions runtime = dockerfile.finalStage();

    @Test
    void everyBaseImageIsFullyQualifiedPinnedByDigestAndNamesItsTag() throws Exception {
        List<Instruction> froms = dockerfile.of("FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        for (Instruction from : froms) {
            Matcher m = PINNED_FROM.matcher(from.args());
            assertThat(m.matches())
                    .as("line %d: FROM <registry host>/<path>@sha256:<digest>, got %s", from.line(), from.args())
                    .isTrue();
            String image = m.group("path").replaceFirst("^library/", "");
            assertThat(from.comments())
                    .as("line %d: a '# tag: %s:<tag>' comment above it", from.line(), image)
                    .anyMatch(c -> c.startsWith("tag: " + image + ":"));
        }
        assertThat(Files.readString(DockerfileInstructions.DOCKERFILE))
                .as("how to refresh the digests")
                .contains("# Refresh:", "skopeo inspect", "crane digest");
    }

    @Test
    void tiniIsPid1AndTheJvmOptionsAreOnTheCommandLine() {
        List<String> entrypoint = only(runtime.of("ENTRYPOINT")).execForm("");
        assertThat(entrypoint.subList(0, 3)).containsExactly("/usr/bin/tini", "--", "java");
        assertThat(entrypoint)
                .contains("-XX:+ExitOnOutOfMemoryError", "-jar", "/app/cutover-bot.jar")
                .anyMatch(a -> a.matches("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?"));
        assertThat(runtime.of("RUN"))
                .anyMatch(r -> r.args().matches(".*apt-get install -y --no-install-recommends tini=[^ ]+ .*"));
        // The JVM prints "Picked up ..." for each of these at every start.
        assertThat(dockerfile.all())
                .noneMatch(i -> i.args().matches(".*\\b(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS)\\b.*"));
    }

    @Test
    void theHealthCheckProbesTheOpsPortWithABinaryTheBuildChecked() {
        Instruction check = only(runtime.of("HEALTHCHECK"));
        String options = check.args().substring(0, check.args().indexOf("CMD")).strip();
        assertThat(options).contains("--interval=", "--timeout=", "--start-period=", "--retries=");
        List<String> cmd = check.execForm(options + " CMD");
        assertThat(cmd).contains("http://127.0.0.1:" + OPS_PORT + "/healthz");
        assertThat(runtime.of("RUN")).anyMatch(r -> r.args().contains("command -v " + cmd.get(0)));
    }

    @Test
    void theImageTrainsAClassDataSharingArchiveWithItsOwnJarAndTheBotUsesIt() {
        Pattern trained = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+) -jar (\\S+) sandbox --script -");
        List<String> archives = runtime.of("RUN").stream()
                .map(r -> trained.matcher(r.args()))
                .filter(Matcher::find)
                .map(m -> {
                    assertThat(m.group(2)).isEqualTo("/app/cutover-bot.jar");
                    return m.group(1);
                })
                .toList();
        assertThat(archives).singleElement().isEqualTo("/app/cutover.jsa");
        assertThat(runtime.of("RUN")).anyMatch(r -> r.args().contains("test -s /app/cutover.jsa"));
        assertThat(only(runtime.of("ENTRYPOINT")).execForm(""))
                .contains("-XX:SharedArchiveFile=/app/cutover.jsa", "/app/cutover-bot.jar");
    }

    @Test
    void theBotRunsAsANonRootUser() {
        List<Instruction> users = runtime.of("USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).args().split(":")[0];
        assertThat(user).matches("[1-9][0-9]*").isNotEqualTo("root");
        int userAt = runtime.all().indexOf(users.get(users.size() - 1));
        int entrypointAt = runtime.all().indexOf(only(runtime.of("ENTRYPOINT")));
        assertThat(userAt).isLessThan(entrypointAt);
    }

    @Test
    void exposeIsTheOpsPortAndTheHttpModePort() {
        Set<Integer> exposed = runtime.of("EXPOSE").stream()
                .flatMap(e -> Arrays.stream(e.args().split("\\s+")))
                .map(p -> Integer.valueOf(p.replace("/tcp", "")))
                .collect(Collectors.toSet());
        assertThat(exposed).containsExactlyInAnyOrder(OPS_PORT, Defaults.httpPort());
    }

    @Test
    void aptRunsCleanUpAndPinAndNothingIsAdded() {
        assertThat(dockerfile.of("ADD")).as("COPY, not ADD").isEmpty();
        for (Instruction run : dockerfile.of("RUN")) {
            if (run.args().contains("apt-get install")) {
                assertThat(run.args())
                        .contains("apt-get update", "--no-install-recommends", "rm -rf /var/lib/apt/lists/*");
                Matcher packages =
                        Pattern.compile("--no-install-recommends ([^&]*)").matcher(run.args());
                assertThat(packages.find()).isTrue();
                assertThat(packages.group(1).strip().split("\\s+"))
                        .allSatisfy(p ->
                                assertThat(p).as("apt package version pinned").contains("="));
            }
        }
    }

    @Test
    void theBuildContextHoldsOnlyWhatTheDockerfileCopies() throws Exception {
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(ignore.get(0)).isEqualTo("**");
        Set<String> included = ignore.stream()
                .filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1).replaceFirst("/$", ""))
                .collect(Collectors.toSet());
        Set<String> copied = dockerfile.of("COPY").stream()
                .filter(c -> !c.args().startsWith("--from="))
                .map(c -> c.args().split("\\s+")[0].replaceFirst("/$", ""))
                .filter(source -> !source.equals("."))
                .collect(Collectors.toSet());
        assertThat(included).isEqualTo(copied);
    }

    static Instruction only(List<Instruction> instructions) {
        assertThat(instructions).hasSize(1);
        return instructions.get(0);
    }
}
