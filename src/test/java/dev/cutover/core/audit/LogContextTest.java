package dev.cutover.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Log fields hold for a scope, travel with handed-off work, and never stay on a pool thread. */
class LogContextTest {
    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aScopePutsBackWhatTheFieldHeldBefore() {
        try (LogContext.Scope outer = LogContext.with(LogContext.REQUEST_ID, "r1")) {
            try (LogContext.Scope inner = LogContext.with(LogContext.REQUEST_ID, "r2");
                    LogContext.Scope none = LogContext.with(LogContext.PAIR, null)) {
                assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("r2");
                assertThat(MDC.get(LogContext.PAIR)).isNull();
            }
            assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("r1");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void handedOffWorkCarriesTheFieldsAndLeavesNoneOnThePoolThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Runnable first;
            try (LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, "r1");
                    LogContext.Scope user = LogContext.with(LogContext.SLACK_USER, "U1")) {
                first = LogContext.propagating(() -> {
                    assertThat(MDC.getCopyOfContextMap())
                            .isEqualTo(Map.of(LogContext.REQUEST_ID, "r1", LogContext.SLACK_USER, "U1"));
                    // Work that adds a field of its own without a scope: still not left behind.
                    MDC.put(LogContext.CHANGE_ID, "C1");
                });
            }
            pool.submit(first).get(5, TimeUnit.SECONDS);
            // The next task on the same thread, handed off with no fields and then not wrapped at all.
            pool.submit(LogContext.propagating(
                            () -> assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty()))
                    .get(5, TimeUnit.SECONDS);
            pool.submit(() -> assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty())
                    .get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workRunOnTheCallingThreadGetsItsOwnFieldsBackAfterwards() {
        Runnable task =
                LogContext.propagating(() -> assertThat(MDC.get(LogContext.JOB)).isNull());
        try (LogContext.Scope job = LogContext.with(LogContext.JOB, "nightly")) {
            task.run();
            assertThat(MDC.get(LogContext.JOB)).isEqualTo("nightly");
        }
    }
}
