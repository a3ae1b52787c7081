package dev.cutover.jobs;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobTarget;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * An HTTP request; any 2xx is success. Sends {@code Idempotency-Key: <fire identity>} (the same for
 * every attempt: the IETF "Idempotency-Key HTTP Header Field" draft lets the server recognise a
 * retry of a request whose response was lost) and {@code X-Cutover-Fencing-Token}. The attempt
 * timeout is the request timeout: past it the client abandons the exchange.
 */
public final class HttpTarget implements JobTarget {
    private final HttpClient http;
    private final JobTargetConfig.Http cfg;

    public HttpTarget(HttpClient http, JobTargetConfig.Http cfg) {
        this.http = http;
        this.cfg = cfg;
    }

    @Override
    public AttemptResult run(Attempt a) {
        HttpRequest.Builder b = HttpRequest.newBuilder(cfg.url())
                .timeout(a.timeout())
                .method(
                        cfg.method(),
                        cfg.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(cfg.body()));
        cfg.headers().forEach(b::header);
        b.header("Idempotency-Key", a.fire().key());
        b.header("X-Cutover-Fencing-Token", Long.toString(a.fencingToken()));
        b.header("X-Cutover-Attempt", Integer.toString(a.number()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String detail = "HTTP " + r.statusCode();
            return r.statusCode() / 100 == 2
                    ? AttemptResult.succeeded(null, detail, Map.of())
                    : AttemptResult.failed(null, detail + ": " + abbreviate(r.body()), Map.of());
        } catch (HttpTimeoutException e) {
            return AttemptResult.timedOut("no response within " + a.timeout().toMillis() + " ms", Map.of());
        } catch (IOException e) {
            return AttemptResult.failed(null, "request failed: " + e, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed(null, "interrupted", Map.of());
        }
    }

    @Override
    public String describe() {
        return "http " + cfg.method() + " " + cfg.url().getHost();
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
