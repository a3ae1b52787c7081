package dev.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What {@code curl} does against the ops port: GET and HEAD with a short timeout, for tests. */
public final class OpsHttp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;

    /** @param port the ops port on 127.0.0.1 */
    public OpsHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** {@code GET path}; the response, or an exception when nothing answers within 3 s. */
    public HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    /** {@code HEAD path}. */
    public HttpResponse<String> head(String path) {
        return send("HEAD", path);
    }

    /** Any method. */
    public HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(3))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A loopback port free right now (for a config that must name its port). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
