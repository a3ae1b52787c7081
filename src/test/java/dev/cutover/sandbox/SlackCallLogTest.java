package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlackCallLogTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final SlackCallLog log = new SlackCallLog(now::get);

    @Test
    void theBusiestMinuteIsTheMostCallsInAnySixtySecondWindow() {
        assertThat(SlackCallLog.busiestMinute(List.of())).isZero();
        assertThat(SlackCallLog.busiestMinute(List.of(0L, 59_999L))).isEqualTo(2);
        assertThat(SlackCallLog.busiestMinute(List.of(0L, 60_000L))).isEqualTo(1);
        assertThat(SlackCallLog.busiestMinute(List.of(70_000L, 0L, 10_000L, 65_000L, 66_000L)))
                .isEqualTo(3);
    }

    @Test
    void eachMethodIsSetAgainstItsLimitAndPostsAreCountedPerChannel() {
        for (int i = 0; i < 51; i++) {
            log.record("chat.update", "C1");
            now.addAndGet(1_000);
        }
        for (int i = 0; i < 40; i++) {
            log.record("chat.postMessage", i % 2 == 0 ? "C1" : "C2");
        }
        log.record("response_url", null);

        List<String> rows = log.table();
        assertThat(rows.get(0)).contains("busiest minute");
        assertThat(rows)
                .anySatisfy(r ->
                        assertThat(r).startsWith("chat.update").contains(" 51 ").contains("50 (Tier 3): OVER"));
        // 40 posts over two channels: 20 in the busiest channel, within about 1/s per channel.
        assertThat(rows).anySatisfy(r -> assertThat(r)
                .matches("chat.postMessage\\s+40\\s+20\\s+60 \\(1/s per channel\\): within"));
        assertThat(rows)
                .anySatisfy(r -> assertThat(r).startsWith("response_url").endsWith("no published limit"));
    }
}
