package dev.cutover.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check-config} refuses a job that never fires, naming the file, line and key (issue 11 item 2). */
class CheckConfigNeverFiresTest {
    @TempDir
    Path dir;

    @Test
    void checkConfigExits2OnTheThirtiethOfFebruary() throws Exception {
        Path f = dir.resolve("cutover.yml");
        Files.writeString(
                f,
                """
                slack: { mode: http, botToken: xoxb-test, signingSecret: s3cret }
                jobs:
                  - name: feb30
                    cron: "0 0 0 30 2 ?"
                    target: { type: command, command: [true] }
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cli.execute("check-config", "--config", f.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(f + ":4: jobs[0].cron: never fires after");
        assertThat(out.toString()).doesNotContain("OK");
    }
}
