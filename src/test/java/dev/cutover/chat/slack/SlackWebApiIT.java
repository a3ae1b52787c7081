package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.cutover.testing.PrometheusText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackWebApiIT {
    @RegisterExtension
    static WireMockExtension slackApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String POST_OK =
            """
            {"ok":true,"channel":"C0000000001","ts":"1700000100.000200",
             "message":{"type":"message","user":"U0000000BOT","text":"hello","ts":"1700000100.000200"}}""";

    /** What the metrics listener heard, one line per call or wait. */
    private final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final SlackCallListener recorder = new SlackCallListener() {
        @Override
        public void completed(String method, String outcome, Duration took) {
            heard.add(method + " " + outcome);
        }

        @Override
        public void rateLimited(String method, Duration retryAfter) {
            heard.add(method + " waits " + retryAfter.toSeconds() + " s");
        }
    };

    private final SlackWebApi api =
            new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), SlackTestApps.BOT_TOKEN).listener(recorder);

    @Test
    void postMessageSendsAFormWithTheBlocksAsJsonAndTheTokenAsBearer() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(POST_OK)));

        String ts = api.postMessage(
                        "C0000000001",
                        "hello",
                        List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*hello*")))))
                .getTs();

        assertThat(ts).isEqualTo("1700000100.000200");
        LoggedRequest request = slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))
                .get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SlackTestApps.BOT_TOKEN);
        assertThat(request.formParameters()).containsKeys("channel", "text", "blocks");
        assertThat(request.formParameters().get("channel").firstValue()).isEqualTo("C0000000001");
        assertThat(request.formParameters().get("blocks").firstValue())
                .contains("\"type\":\"section\"")
                .contains("*hello*");
    }

    @Test
    void okFalseBecomesATypedExceptionWithTheErrorCodeAndWithoutTheToken() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        SlackApiCallException e =
                catchThrowableOfType(SlackApiCallException.class, () -> api.postMessage("C0000000404", "hello", null));

        assertThat(e.error()).isEqualTo("channel_not_found");
        assertThat(e.method()).isEqualTo("chat.postMessage");
        assertThat(heard).as("Slack's error text is never a metric label").containsExactly("chat.postMessage error");
        assertThat(e).hasMessageNotContaining(SlackTestApps.BOT_TOKEN);
        assertThat(e.toString()).doesNotContain(SlackTestApps.BOT_TOKEN);
    }

    @Test
    void invalidAuthOnUpdateIsTyped() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));

        SlackApiCallException e = catchThrowableOfType(
                SlackApiCallException.class, () -> api.update("C0000000001", "1700000100.000200", "x", null));

        assertThat(e.error()).isEqualTo("invalid_auth");
        assertThat(e).hasMessage("chat.update failed: invalid_auth");
    }

    @Test
    void rateLimitedCallIsRetriedAfterRetryAfter() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postEphemeral"))
                .inScenario("429")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("retried"));
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.postEphemeral"))
                .inScenario("429")
                .whenScenarioStateIs("retried")
                .willReturn(okJson("{\"ok\":true,\"message_ts\":\"1700000100.000300\"}")));

        long start = System.nanoTime();
        String ts = api.postEphemeral("C0000000001", "U0000000001", "only you", null)
                .getMessageTs();

        assertThat(ts).isEqualTo("1700000100.000300");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(heard).containsExactly("chat.postEphemeral waits 1 s", "chat.postEphemeral ok");
        List<LoggedRequest> requests = slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postEphemeral")));
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.formParameters().get("channel").firstValue()).isEqualTo("C0000000001");
            assertThat(r.formParameters().get("user").firstValue()).isEqualTo("U0000000001");
            assertThat(r.formParameters().get("text").firstValue()).isEqualTo("only you");
        });
    }

    @Test
    void rateLimitsAndTheirWaitsAreMetered() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .inScenario("429 metered")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("retried"));
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .inScenario("429 metered")
                .whenScenarioStateIs("retried")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0000000001\",\"ts\":\"1.2\"}")));
        try (dev.cutover.ops.OpsMetrics metrics = new dev.cutover.ops.OpsMetrics()) {
            SlackWebApi metered = new SlackWebApi(SlackTestApps.slack(slackApi.baseUrl()), SlackTestApps.BOT_TOKEN)
                    .listener(new dev.cutover.ops.SlackCallMetrics(metrics.registry()));

            metered.update("C0000000001", "1.2", "x", null);

            PrometheusText text = PrometheusText.parse(metrics.scrape());
            assertThat(text.sum("cutover_slack_rate_limited_total", Map.of("method", "chat.update")))
                    .isEqualTo(1.0);
            assertThat(text.sum("cutover_slack_retry_wait_seconds_total", Map.of("method", "chat.update")))
                    .isEqualTo(1.0);
            assertThat(text.sum("cutover_slack_calls_total", Map.of("method", "chat.update", "outcome", "ok")))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void rateLimitBeyondTheRetriesFailsAsRatelimited() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        SlackWebApi noPatience = new SlackWebApi(
                        SlackTestApps.slack(slackApi.baseUrl()), SlackTestApps.BOT_TOKEN, 2, Duration.ofSeconds(5))
                .listener(recorder);

        SlackApiCallException e = catchThrowableOfType(
                SlackApiCallException.class, () -> noPatience.update("C0000000001", "1.2", "x", null));

        assertThat(e.error()).isEqualTo(SlackApiCallException.RATE_LIMITED);
        slackApi.verify(3, postRequestedFor(urlPathEqualTo("/api/chat.update")));
        assertThat(heard).containsExactly("chat.update waits 0 s", "chat.update waits 0 s", "chat.update ratelimited");
    }

    @Test
    void retryAfterLongerThanTheMaximumFailsFast() {
        slackApi.stubFor(post(urlPathEqualTo("/api/chat.update"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        SlackApiCallException e =
                catchThrowableOfType(SlackApiCallException.class, () -> api.update("C0000000001", "1.2", "x", null));

        assertThat(e.error()).isEqualTo(SlackApiCallException.RATE_LIMITED);
        slackApi.verify(1, postRequestedFor(urlPathEqualTo("/api/chat.update")));
    }

    @Test
    void respondPostsJsonToTheResponseUrl() {
        slackApi.stubFor(post(urlPathEqualTo("/actions/T0000000001/5555/ijkl"))
                .willReturn(aResponse().withBody("ok")));

        api.respond(
                slackApi.baseUrl() + "/actions/T0000000001/5555/ijkl",
                ActionResponse.builder().replaceOriginal(true).text("Cancelled").build());

        slackApi.verify(postRequestedFor(urlPathEqualTo("/actions/T0000000001/5555/ijkl"))
                .withRequestBody(equalToJson("{\"replace_original\":true,\"text\":\"Cancelled\"}", true, true)));
    }

    @Test
    void respondToAnExpiredUrlIsTyped() {
        slackApi.stubFor(post(urlPathEqualTo("/commands/T0000000001/1111/abcd"))
                .willReturn(aResponse().withStatus(404).withBody("expired_url")));

        SlackApiCallException e = catchThrowableOfType(
                SlackApiCallException.class,
                () -> api.respond(
                        slackApi.baseUrl() + "/commands/T0000000001/1111/abcd",
                        ActionResponse.builder().text("late").build()));

        assertThat(e.error()).isEqualTo("expired_url");
        assertThat(e).hasMessageNotContaining("/commands/T0000000001/1111/abcd");
    }

    @Test
    void respondIsRetriedAfterA429() {
        slackApi.stubFor(post(urlPathEqualTo("/actions/T1/1/x"))
                .inScenario("429")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("retried"));
        slackApi.stubFor(post(urlPathEqualTo("/actions/T1/1/x"))
                .inScenario("429")
                .whenScenarioStateIs("retried")
                .willReturn(aResponse().withBody("ok")));

        api.respond(
                slackApi.baseUrl() + "/actions/T1/1/x",
                ActionResponse.builder().text("done").build());

        slackApi.verify(2, postRequestedFor(urlPathEqualTo("/actions/T1/1/x")));
    }

    @Test
    void anyCallCanUseThePolicy() {
        slackApi.stubFor(post(urlPathEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("usergroup=S0000000001"))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"U0000000001\",\"U0000000002\"]}")));

        List<String> users = api.call("usergroups.users.list", () -> api.methods()
                        .usergroupsUsersList(r -> r.usergroup("S0000000001")))
                .getUsers();

        assertThat(users).containsExactly("U0000000001", "U0000000002");
        slackApi.verify(postRequestedFor(urlPathEqualTo("/api/usergroups.users.list"))
                .withHeader("Authorization", equalTo("Bearer " + SlackTestApps.BOT_TOKEN)));
    }
}
