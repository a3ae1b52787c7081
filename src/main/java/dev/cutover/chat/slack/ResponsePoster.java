package dev.cutover.chat.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import dev.cutover.core.audit.LogContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts answers to response_urls on a bounded pool of its own, so a slow or dead response_url holds
 * one of these threads (for at most the client's timeouts), never a thread that decides or applies.
 * Posts to one URL keep their order. A post that fails is logged as one line and never retried, and
 * the URL is not tried again: one slow URL costs one timeout, not one per answer.
 */
public final class ResponsePoster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResponsePoster.class);
    /** How many failed URLs are remembered (Slack's URLs live 30 minutes; older ones fall out). */
    private static final int REMEMBERED_FAILURES = 1000;

    private final SlackWebApi api;
    private final ExecutorService pool;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<String> failed = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FAILURES;
        }
    }));

    /**
     * @param api posts with this client; its SDK's timeouts bound each post
     * @param threads posts at once
     * @param queue posts waiting for a thread; beyond it a post is dropped (and logged)
     */
    public ResponsePoster(SlackWebApi api, int threads, int queue, ThreadFactory threadFactory) {
        this.api = api;
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), threadFactory);
    }

    /** Exports this pool's meters ({@code executor_*}, tagged {@code name}) into {@code registry}. */
    public void measure(MeterRegistry registry, String name) {
        new ExecutorServiceMetrics(pool, name, Tags.empty()).bindTo(registry);
    }

    /** A sender of answers to {@code responseUrl}, in the order they are given. */
    Channel channel(String responseUrl) {
        return new Channel(responseUrl);
    }

    /**
     * Runs another Slack call that answers a user (e.g. {@code views.open} with a click's trigger_id)
     * on these threads, after the ack; dropped (and logged) when they are backed up.
     */
    void run(Runnable slackCall) {
        pending.incrementAndGet();
        try {
            // With the caller's log fields (request, user), and none left on the thread afterwards.
            pool.execute(LogContext.propagating(() -> {
                try {
                    slackCall.run();
                } finally {
                    pending.decrementAndGet();
                }
            }));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            log.warn("Slack calls are backed up; dropped one");
        }
    }

    /** True when no post is waiting or running. */
    public boolean idle() {
        return pending.get() == 0;
    }

    /** The posts to one response_url, sent one after another. */
    final class Channel {
        private final String url;
        private final Queue<ActionResponse> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        private Channel(String url) {
            this.url = url;
        }

        /** Queues {@code message}; returns at once. */
        void post(ActionResponse message) {
            pending.incrementAndGet();
            waiting.add(message);
            schedule();
        }

        private void schedule() {
            if (waiting.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
            try {
                pool.execute(LogContext.propagating(this::drain));
            } catch (RejectedExecutionException e) {
                int dropped = 0;
                while (waiting.poll() != null) {
                    dropped++;
                }
                pending.addAndGet(-dropped);
                draining.set(false);
                log.warn("response_url posts are backed up; dropped {} answer(s)", dropped);
            }
        }

        private void drain() {
            try {
                for (ActionResponse m = waiting.poll(); m != null; m = waiting.poll()) {
                    try {
                        send(m);
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            } finally {
                draining.set(false);
                schedule(); // a post that came in after the last poll
            }
        }

        private void send(ActionResponse message) {
            if (failed.contains(url)) {
                log.warn("not answering through a response_url that failed before");
                return;
            }
            try {
                api.respond(url, message);
            } catch (RuntimeException e) {
                failed.add(url);
                // One line, no URL (it is a bearer of the user's context) and no retry.
                log.warn("could not answer through the response_url: {}", e.toString());
            }
        }
    }

    /** Stops taking posts; those queued are still sent. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
