package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What production (assertions off) shows of a text over a Block Kit limit: a visible "…and more". */
class BlockKitRendererTest {
    @Test
    void anOverLimitTextIsCutAtAWordAndSaysThereIsMore() {
        String words = IntStream.range(0, 1_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        String shown = BlockKitRenderer.fit(words, 3_000);

        assertThat(shown).hasSizeLessThanOrEqualTo(3_000).endsWith(BlockKitRenderer.CUT);
        String kept = shown.substring(0, shown.length() - BlockKitRenderer.CUT.length());
        assertThat(words).startsWith(kept + " ");
        assertThat(kept).matches(".* word\\d+");
    }

    @Test
    void aTextWithinTheLimitIsKeptAndOneEndlessWordIsStillBounded() {
        assertThat(BlockKitRenderer.fit("short text", 3_000)).isEqualTo("short text");
        assertThat(BlockKitRenderer.fit("y".repeat(5_000), 3_000))
                .hasSizeLessThanOrEqualTo(3_000)
                .endsWith(BlockKitRenderer.CUT);
    }
}
