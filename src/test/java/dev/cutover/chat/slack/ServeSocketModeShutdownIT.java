package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.testing.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code serve} process (the shaded jar) in Socket Mode, against {@link
 * FakeSocketModeServer}, stopped by a real SIGTERM: the WebSocket is closed with a close frame (so
 * Slack routes to another replica at once) and the process exits 0, every time, not two runs in three.
 */
class ServeSocketModeShutdownIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheLinkWithACloseFrameAndExitsZeroEveryTime() throws Exception {
        FakeSocketModeServer socketMode = SlackTestApps.socketMode(slackApi);
        try {
            String yaml =
                    """
                    slack: { mode: socket, botToken: xoxb-test, appToken: xapp-1-A0000000001-test, apiBaseUrl: "%s/api/" }
                    ops: { port: 0 }
                    shutdown: { grace: 10s }
                    """
                            .formatted(slackApi.baseUrl());
            for (int run = 1; run <= 3; run++) {
                ServeProcess serve = ServeProcess.start(dir, "socket-" + run, yaml, Map.of());
                try {
                    int connected = run;
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> (socketMode.connections.get() == connected
                                            && !serve.lines("Socket Mode link connected")
                                                    .isEmpty())
                                    || !serve.isAlive());
                    assertThat(serve.isAlive()).as(serve.log()).isTrue();

                    Duration took = serve.sigtermAndAwaitCleanExit(Duration.ofSeconds(10), () -> {});
                    // The frame was sent before the process exited; the server may log it a moment later.
                    await().atMost(Duration.ofSeconds(2)).until(() -> socketMode.closeFrames.size() == connected);
                    System.out.printf(
                            "socket mode run %d: close frame %d, exited 0 %d ms after SIGTERM%n",
                            run, socketMode.closeFrames.get(run - 1), took.toMillis());
                    assertThat(socketMode.closeFrames.get(run - 1))
                            .as(serve.log())
                            .isIn(1000, 1001);
                    assertThat(serve.log()).contains("stopping (SIGTERM)", "Socket Mode link closed", "stopped in ");
                } finally {
                    serve.close();
                }
            }
        } finally {
            socketMode.stop(1000);
        }
    }
}
