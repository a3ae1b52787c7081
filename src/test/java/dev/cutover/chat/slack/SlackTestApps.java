package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;

/** Bolt apps and Slack clients pointed at a WireMock "Slack", for tests. */
public final class SlackTestApps {
    /** The bot token the test apps use. */
    public static final String BOT_TOKEN = "xoxb-test";

    /** A real-shaped {@code auth.test} answer for the test bot. */
    public static final String AUTH_TEST_OK =
            """
            {"ok":true,"url":"https://example.slack.com/","team":"Example","user":"cutover",
             "team_id":"T0000000001","user_id":"U0000000BOT","bot_id":"B0000000001","is_enterprise_install":false}""";

    private SlackTestApps() {}

    /** An SDK instance whose Web API base is {@code <wireMockBaseUrl>/api/}, without the metrics thread. */
    public static Slack slack(String wireMockBaseUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(wireMockBaseUrl + "/api/");
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /**
     * A single-workspace Bolt app as production builds it: bot token, signing secret, and Bolt's own
     * signature check off because {@link SlackHttpServer} verifies first.
     */
    public static App app(Slack slack) {
        return new App(AppConfig.builder()
                .signingSecret(SlackTestSigner.TEST_SIGNING_SECRET)
                .singleTeamBotToken(BOT_TOKEN)
                .requestVerificationEnabled(false)
                .slack(slack)
                .build());
    }

    /** Stubs {@code auth.test}, which Bolt calls on the first request of an app with a bot token. */
    public static void stubAuthTest(WireMockExtension wireMock) {
        wireMock.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson(AUTH_TEST_OK)));
    }

    /**
     * A started fake Socket Mode server that {@code wireMock}, as the Slack Web API, hands out from
     * {@code apps.connections.open} (and {@code auth.test} answered): what a Socket Mode bot needs to connect.
     */
    public static FakeSocketModeServer socketMode(WireMockExtension wireMock) {
        stubAuthTest(wireMock);
        FakeSocketModeServer server = new FakeSocketModeServer().startAndWait();
        wireMock.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                .willReturn(okJson("{\"ok\":true,\"url\":\"" + server.url() + "\"}")));
        return server;
    }
}
