package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.chat.MessageRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Thread replies go out in order per thread, never hold the caller, and are bounded in number. */
class ThreadRepliesTest {
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final ThreadReplies replies = new ThreadReplies(pool);
    final List<String> posted = new CopyOnWriteArrayList<>();
    final MessageRef a = new MessageRef("C0OPS", "1.000100");
    final MessageRef b = new MessageRef("C0OPS", "1.000200");

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void repliesOfOneThreadKeepTheirOrderWhileAnotherThreadIsNotHeldUp() throws Exception {
        CountDownLatch slack = new CountDownLatch(1);
        replies.submit(a, () -> {
            hold(slack);
            posted.add("a1");
        });
        for (int i = 2; i <= 20; i++) {
            String line = "a" + i;
            replies.submit(a, () -> posted.add(line));
        }
        replies.submit(b, () -> posted.add("b1"));

        // Thread a waits on its first post; b's reply goes out meanwhile, and the caller never waited.
        await().atMost(Duration.ofSeconds(5)).until(() -> posted.contains("b1"));
        assertThat(posted).containsExactly("b1");
        slack.countDown();
        await().atMost(Duration.ofSeconds(5)).until(replies::idle);
        assertThat(posted.stream().filter(p -> p.startsWith("a")).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "a" + i)
                        .toList());
    }

    @Test
    void aFailedPostIsLoggedAndTheNextOneStillGoes() {
        replies.submit(a, () -> {
            throw new IllegalStateException("chat.postMessage failed: ratelimited");
        });
        replies.submit(a, () -> posted.add("after"));

        await().atMost(Duration.ofSeconds(5)).until(replies::idle);
        assertThat(posted).containsExactly("after");
    }

    @Test
    void beyondTheBoundOrAfterTheStopAReplyIsDroppedNotQueued() throws Exception {
        CountDownLatch slack = new CountDownLatch(1);
        for (int i = 0; i < ThreadReplies.MAX_WAITING + 5; i++) {
            replies.submit(a, () -> {
                hold(slack);
                posted.add("x");
            });
        }
        slack.countDown();
        await().atMost(Duration.ofSeconds(10)).until(replies::idle);
        assertThat(posted).hasSize(ThreadReplies.MAX_WAITING);

        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        replies.submit(b, () -> posted.add("late"));
        assertThat(replies.idle()).isTrue();
        assertThat(posted).doesNotContain("late");
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
