package dev.cutover.chat.slack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.chat.slack.SlackSignatureVerifier.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {
    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final SlackTestSigner SIGNER = new SlackTestSigner(SlackTestSigner.TEST_SIGNING_SECRET);

    private final SlackSignatureVerifier verifier =
            new SlackSignatureVerifier(SlackTestSigner.TEST_SIGNING_SECRET, CLOCK);

    @Test
    void acceptsSlacksDocumentedExample() {
        // The worked example from api.slack.com "Verifying requests from Slack".
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        Clock then = Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC);
        SlackSignatureVerifier docs = new SlackSignatureVerifier("8f742231b10e8888abcd99yyyzzz85a5", then);

        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(docs.verify("1531420618", expected, body.getBytes(UTF_8))).isEqualTo(Result.OK);
        assertThat(SIGNER.sign(1531420618L, body.getBytes(UTF_8))).isEqualTo(expected);
    }

    @Test
    void acceptsTheSignedFixture() {
        byte[] body = SlackTestSigner.resource("/slack/slash-command-swap.form");

        assertThat(verifier.verify(Long.toString(NOW), SIGNER.sign(NOW, body), body))
                .isEqualTo(Result.OK);
    }

    @Test
    void hashesNonAsciiBodiesAsUtf8Bytes() {
        byte[] body = "text=h\u00e9llo \u2713".getBytes(UTF_8);

        assertThat(verifier.verify(Long.toString(NOW), SIGNER.sign(NOW, body), body))
                .isEqualTo(Result.OK);
    }

    @Test
    void rejectsAChangedBody() {
        byte[] body = "text=api".getBytes(UTF_8);
        String signature = SIGNER.sign(NOW, body);

        assertThat(verifier.verify(Long.toString(NOW), signature, "text=web".getBytes(UTF_8)))
                .isEqualTo(Result.BAD_SIGNATURE);
    }

    @Test
    void rejectsAnotherSecret() {
        byte[] body = "text=api".getBytes(UTF_8);
        String signature = new SlackTestSigner("another-secret").sign(NOW, body);

        Result result = verifier.verify(Long.toString(NOW), signature, body);

        assertThat(result).isEqualTo(Result.BAD_SIGNATURE);
        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).isEqualTo("bad signature");
    }

    @Test
    void rejectsTimestampsOutsideFiveMinutesBothWays() {
        byte[] body = "text=api".getBytes(UTF_8);

        for (long ts : new long[] {NOW - 301, NOW + 301, NOW - 360, NOW + 360}) {
            assertThat(verifier.verify(Long.toString(ts), SIGNER.sign(ts, body), body))
                    .as("timestamp %d", ts)
                    .isEqualTo(Result.STALE_TIMESTAMP);
        }
        for (long ts : new long[] {NOW - 300, NOW + 300}) {
            assertThat(verifier.verify(Long.toString(ts), SIGNER.sign(ts, body), body))
                    .as("timestamp %d", ts)
                    .isEqualTo(Result.OK);
        }
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        byte[] body = "text=api".getBytes(UTF_8);
        String signature = SIGNER.sign(NOW, body);

        assertThat(verifier.verify(null, signature, body)).isEqualTo(Result.MISSING_HEADERS);
        assertThat(verifier.verify(Long.toString(NOW), null, body)).isEqualTo(Result.MISSING_HEADERS);
        assertThat(verifier.verify("yesterday", signature, body)).isEqualTo(Result.MALFORMED_TIMESTAMP);
        assertThat(verifier.verify(Long.toString(NOW), "v0=abc", body)).isEqualTo(Result.BAD_SIGNATURE);
        assertThat(verifier.verify(Long.toString(NOW), signature.toUpperCase(), body))
                .isEqualTo(Result.BAD_SIGNATURE);
    }

    @Test
    void refusesABlankSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> new SlackSignatureVerifier(" ", CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThat(verifier.toString()).doesNotContain(SlackTestSigner.TEST_SIGNING_SECRET);
    }
}
