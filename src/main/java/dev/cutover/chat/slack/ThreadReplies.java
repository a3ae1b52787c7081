package dev.cutover.chat.slack;

import dev.cutover.core.audit.LogContext;
import dev.cutover.core.chat.MessageRef;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread replies posted off the caller's thread, so that an apply never waits on Slack: the replies
 * under one parent message are posted one after another in the order given (each bounded by the Web
 * API client's timeouts), replies of different threads at once on the shared pool. At most {@link
 * #MAX_WAITING} wait in all; beyond that, or once the pool stopped, a reply is dropped with one log
 * line. A failed post is logged and the next one goes on.
 */
final class ThreadReplies {
    private static final Logger log = LoggerFactory.getLogger(ThreadReplies.class);

    /** Replies waiting or being posted, in all threads, before more are dropped. */
    static final int MAX_WAITING = 1000;

    private final Executor pool;
    private final AtomicInteger waiting = new AtomicInteger();
    /** The threads with replies waiting. Guarded by itself, as is each lane's queue. */
    private final Map<MessageRef, Queue<Runnable>> lanes = new HashMap<>();

    /** @param pool runs the posts; owned by the caller */
    ThreadReplies(Executor pool) {
        this.pool = pool;
    }

    /** Queues {@code post} (a reply under {@code parent}) after the ones queued before it; returns at once. */
    void submit(MessageRef parent, Runnable post) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            log.warn("thread replies are backed up ({} waiting); dropped one in {}", MAX_WAITING, parent.channel());
            return;
        }
        // With the caller's log fields (request, pair), and none left on the pool's thread afterwards.
        Runnable task = LogContext.propagating(post);
        synchronized (lanes) {
            Queue<Runnable> lane = lanes.get(parent);
            if (lane != null) {
                lane.add(task); // the lane's drain, running or about to, posts it in turn
                return;
            }
            lane = new ArrayDeque<>();
            lane.add(task);
            lanes.put(parent, lane);
        }
        try {
            pool.execute(() -> drain(parent));
        } catch (RejectedExecutionException e) {
            int dropped;
            synchronized (lanes) {
                Queue<Runnable> lane = lanes.remove(parent);
                dropped = lane == null ? 0 : lane.size();
            }
            waiting.addAndGet(-dropped);
            log.warn("Slack posting has stopped; dropped {} thread repl(ies) in {}", dropped, parent.channel());
        }
    }

    /** True when no reply is waiting or being posted. */
    boolean idle() {
        return waiting.get() == 0;
    }

    private void drain(MessageRef parent) {
        while (true) {
            Runnable next;
            synchronized (lanes) {
                Queue<Runnable> lane = lanes.get(parent);
                next = lane == null ? null : lane.peek();
                if (next == null) {
                    lanes.remove(parent);
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("a thread reply in {} was not posted: {}", parent.channel(), String.valueOf(e.getMessage()));
            } finally {
                synchronized (lanes) {
                    lanes.get(parent).poll();
                }
                waiting.decrementAndGet();
            }
        }
    }
}
