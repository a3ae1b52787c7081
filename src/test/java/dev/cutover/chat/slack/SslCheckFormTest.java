package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SslCheckFormTest {
    @ParameterizedTest
    @ValueSource(strings = {"ssl_check=1&token=legacy0001", "token=Abc123&ssl_check=1", "ssl_check=1"})
    void slacksUnsignedSslCheckFormIsRecognised(String body) {
        assertThat(SslCheckForm.matches(body.getBytes(UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "token=legacy0001",
                "ssl_check=0&token=legacy0001",
                "ssl_check=1&token=legacy0001&command=%2Fswap",
                "ssl_check=1&ssl_check=1",
                "ssl_check=1&token=a%0Ab",
                "ssl_check=1&token=l\u00e9gacy",
                "ssl_check=1\n2026-12-04 INFO cutover.audit - audit approved",
                "{\"ssl_check\":\"1\"}",
                "payload=%7B%22type%22%3A%22block_actions%22%7D&ssl_check=1"
            })
    void anythingElseIsNot(String body) {
        assertThat(SslCheckForm.matches(body.getBytes(UTF_8))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aLongBodyIsNotEvenRead() {
        String body = "ssl_check=1&token=" + "a".repeat(SslCheckForm.MAX_BYTES);

        assertThat(SslCheckForm.matches(body.getBytes(UTF_8))).isFalse();
    }
}
