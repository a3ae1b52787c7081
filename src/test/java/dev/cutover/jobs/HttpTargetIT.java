package dev.cutover.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTargetIT {
    private static final FireIdentity FIRE = FireIdentity.scheduled("warmup", Instant.parse("2026-03-02T10:00:00Z"));
    private WireMockServer wm;
    private HttpTarget target;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        target = new HttpTarget(
                HttpClient.newHttpClient(),
                new JobTargetConfig.Http(
                        "POST",
                        URI.create("http://127.0.0.1:" + wm.port() + "/hooks/warmup"),
                        Map.of("Authorization", "Bearer t"),
                        "{\"scope\":\"all\"}"));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private AttemptResult run(Duration timeout) {
        return target.run(new Attempt(FIRE, 2, 5, timeout, () -> false));
    }

    @Test
    void a2xxIsSuccessAndTheFireIdentityIsTheIdempotencyKey() {
        wm.stubFor(post(urlEqualTo("/hooks/warmup")).willReturn(aResponse().withStatus(202)));
        assertThat(run(Duration.ofSeconds(5)).outcome()).isEqualTo(AttemptResult.Outcome.SUCCEEDED);
        wm.verify(postRequestedFor(urlEqualTo("/hooks/warmup"))
                .withHeader("Idempotency-Key", equalTo("warmup-20260302T100000Z"))
                .withHeader("X-Cutover-Fencing-Token", equalTo("5"))
                .withHeader("Authorization", equalTo("Bearer t"))
                .withRequestBody(equalTo("{\"scope\":\"all\"}")));
    }

    @Test
    void aNon2xxIsAFailureWithStatusAndBody() {
        wm.stubFor(post(urlEqualTo("/hooks/warmup"))
                .willReturn(aResponse().withStatus(503).withBody("busy")));
        AttemptResult r = run(Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).isEqualTo("HTTP 503: busy");
    }

    @Test
    void noResponseWithinTheTimeoutIsATimeout() {
        wm.stubFor(post(urlEqualTo("/hooks/warmup"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1200)));
        long start = System.nanoTime();
        assertThat(run(Duration.ofMillis(400)).outcome()).isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
