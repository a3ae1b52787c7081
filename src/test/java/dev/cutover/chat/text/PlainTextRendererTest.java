package dev.cutover.chat.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainTextRendererTest {
    private final PlainTextRenderer renderer =
            new PlainTextRenderer(Map.of("U0ALICE", "alice", "S0OPS", "ops (group)", "C0SANDBOX", "sandbox"));

    private static Button button(String label) {
        return new Button(label, "a." + label, "v", Button.Style.DEFAULT, null);
    }

    @Test
    void everyBlockKindHasItsOwnShape() {
        Message m = Message.builder("fallback")
                .header("Swap blue-green")
                .section("*blue.example.com.*: A → B\nsecond line")
                .fields(List.of("*Requested by*\n<@U0ALICE>", "*State*\npending\nfor now", "*Lonely*"))
                .context("request `r1` · zone `Z1`")
                .divider()
                .code("{\n  \"Name\": \"x\"\n}")
                .actions(List.of(button("Approve"), button("Reject")))
                .build();

        assertThat(renderer.render(m))
                .containsExactly(
                        "== Swap blue-green ==",
                        "blue.example.com.: A → B",
                        "second line",
                        "Requested by: @alice",
                        "State: pending for now",
                        "Lonely",
                        "  · request `r1` · zone `Z1`",
                        "----",
                        "{",
                        "  \"Name\": \"x\"",
                        "}",
                        "[Approve]  [Reject]");
    }

    @Test
    void buttonsAreNumberedInOrderByTheCaller() {
        List<Button> seen = new ArrayList<>();
        Message m = Message.builder("t")
                .actions(List.of(button("Approve"), button("Cancel")))
                .build();

        List<String> lines = renderer.render(m, b -> {
            seen.add(b);
            return seen.size() + 6;
        });

        assertThat(lines).containsExactly("[7 Approve]  [8 Cancel]");
        assertThat(seen).extracting(Button::label).containsExactly("Approve", "Cancel");
    }

    @Test
    void mrkdwnBecomesPlainText() {
        String text = renderer.plain(":warning: *orders-worker* is <!subteam^S0OPS>'s, asked by <@U0ALICE> in"
                + " <#C0SANDBOX> and <@U0BOB> at <!date^1767225600^{date_short_pretty}|2026-01-01 00:00:00 UTC>;"
                + " cron `0 * * * * ?`, a &lt;b&gt; &amp; c, :unknown_code:");

        assertThat(text)
                .isEqualTo("⚠️ orders-worker is @ops (group)'s, asked by @alice in #sandbox and @U0BOB at"
                        + " 2026-01-01 00:00:00 UTC; cron `0 * * * * ?`, a <b> & c, :unknown_code:");
    }

    @Test
    void codeIsShownVerbatim() {
        Message m = Message.builder("t").code("*not bold* <@U0ALICE> :warning:").build();

        assertThat(renderer.render(m)).containsExactly("*not bold* <@U0ALICE> :warning:");
    }

    @Test
    void aMessageWithoutBlocksShowsItsFallbackText() {
        assertThat(PlainTextRenderer.withoutNames().render(new Message("*Done* by <@U0ALICE>\nbye", List.of())))
                .containsExactly("Done by @U0ALICE", "bye");
    }
}
