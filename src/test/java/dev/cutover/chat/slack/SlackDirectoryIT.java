package dev.cutover.chat.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.app.SlackWiring;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** User groups through usergroups.users.list, as Slack answers it. */
class SlackDirectoryIT {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private SlackDirectory directory() {
        SlackWebApi api = new SlackWebApi(SlackWiring.sdk(wm.baseUrl() + "/api/"), "xoxb-test");
        return new SlackDirectory(api, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    private static void answer(String group, String json) {
        wm.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("usergroup=" + group))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(json)));
    }

    @Test
    void membersAreReadOnceAndCached() {
        answer("S0SRE", "{\"ok\":true,\"users\":[\"U0CAROL\",\"U0DAVE\"]}");
        SlackDirectory d = directory();
        assertThat(d.matches("U0CAROL", Set.of("S0SRE"))).isTrue();
        assertThat(d.matches("U0ALICE", Set.of("S0SRE"))).isFalse();
        wm.verify(1, postRequestedFor(urlEqualTo("/api/usergroups.users.list")));
    }

    @Test
    void aGroupThatDoesNotExistHasNoMembersInsteadOfFailingTheClick() {
        answer("S0GONE", "{\"ok\":false,\"error\":\"no_such_subteam\"}");
        assertThat(directory().matches("U0CAROL", Set.of("S0GONE", "U0BOB"))).isFalse();
    }

    @Test
    void otherErrorsStillFailSoNobodyIsLetThroughByAccident() {
        answer("S0SRE", "{\"ok\":false,\"error\":\"missing_scope\"}");
        assertThatThrownBy(() -> directory().members("S0SRE"))
                .isInstanceOf(SlackApiCallException.class)
                .hasMessageContaining("missing_scope");
    }
}
