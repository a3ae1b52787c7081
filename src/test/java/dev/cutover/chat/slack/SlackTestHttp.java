package dev.cutover.chat.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts bodies to a local {@link SlackHttpServer} the way Slack does, with java.net.http. */
public final class SlackTestHttp {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8080} */
    public SlackTestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** POSTs {@code body} as {@code application/x-www-form-urlencoded} with the given extra headers. */
    public HttpResponse<String> postForm(String path, byte[] body, Map<String, String> headers) {
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    /** POSTs {@code body} as {@code application/json} (Events API) with the given extra headers. */
    public HttpResponse<String> postJson(String path, byte[] body, Map<String, String> headers) {
        return post(path, "application/json", body, headers);
    }

    /** GETs {@code path}. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
