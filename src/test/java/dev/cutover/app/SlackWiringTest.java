package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The Web API client never waits on Slack without bound. */
class SlackWiringTest {
    @Test
    void everyWebApiCallIsBoundedInAll() {
        OkHttpClient http =
                SlackWiring.sdk("http://127.0.0.1:1/api/").getHttpClient().getOkHttpClient();

        assertThat(http.callTimeoutMillis()).isEqualTo(15_000);
        assertThat(http.readTimeoutMillis()).isEqualTo(10_000);
        assertThat(http.writeTimeoutMillis()).isEqualTo(10_000);
    }
}
