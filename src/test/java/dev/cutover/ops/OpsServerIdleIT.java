package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A connection to the ops port that sends half a request is closed after the parse timeout, so
 * idle or slow sockets cannot pile up until the process runs out of files (which would also take
 * the Slack endpoint down).
 */
class OpsServerIdleIT {
    @Test
    void halfARequestIsClosedAfterTheParseTimeoutAndProbesStillAnswer() throws Exception {
        Readiness readiness = new Readiness(Duration.ofMillis(100), Duration.ofMillis(500));
        try (readiness;
                OpsServer server = new OpsServer("127.0.0.1", 0, new Liveness(), readiness, () -> "");
                Socket slow = new Socket()) {
            server.start();
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            slow.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            slow.setSoTimeout(200);
            InputStream in = slow.getInputStream();

            await().atMost(Duration.ofMillis(OpsServer.PARSE_TIMEOUT_MS + 10_000))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> closed(in));

            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    /** True once the server closed the connection (end of stream or reset). */
    private static boolean closed(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
