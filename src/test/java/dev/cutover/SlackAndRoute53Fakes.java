package dev.cutover;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cutover.CutoverHarness.CHANNEL;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up the end-to-end swap tests share: WireMock on loopback as the Slack Web API and as
 * Route 53, both stubbed afresh before each test (Slack answers every method; both records alias
 * their own load balancer, changes are accepted and INSYNC), and the harness {@link #h} closed after
 * it when a test started one.
 */
abstract class SlackAndRoute53Fakes {
    @RegisterExtension
    static WireMockExtension slackWm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(40))
            .build();

    @RegisterExtension
    static WireMockExtension route53Wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    SlackFake slack;
    Route53Fake route53;
    /** The bot under test, if the test started one. */
    @Nullable
    CutoverHarness h;

    @BeforeEach
    void stubSlackAndRoute53() {
        slack = new SlackFake(slackWm);
        route53 = new Route53Fake(route53Wm);
        slack.stubAll(CHANNEL);
        route53.stubOriginal();
    }

    @AfterEach
    void closeHarness() {
        if (h != null) {
            h.close();
        }
    }

    /** Waits up to 10 s, checking every 25 ms. */
    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25));
    }
}
