package dev.cutover.chat.slack;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces progress edits of one Slack message: callers submit the latest full content for a
 * (channel, ts) as often as they like; at most one {@code chat.update} per message per interval goes
 * out, always with the newest content, and {@link #flush} sends what is pending at once. Content may
 * also be a {@link Rendering}, read when the update is sent and checked again after it.
 *
 * <p>Why: {@code chat.update} is limited to about 50 calls per minute per workspace (Tier 3), so a
 * deploy reporting every step would be throttled. Thread safe. A failed background update is logged
 * and dropped (the next submission or the flush carries newer content anyway).
 */
public final class CoalescingMessageUpdater {
    /** Default minimum time between two updates of the same message. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1500);

    private static final Logger log = LoggerFactory.getLogger(CoalescingMessageUpdater.class);

    /** The message to edit: its channel id and timestamp. */
    public record MessageKey(String channel, String ts) {
        public MessageKey {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(ts, "ts");
        }
    }

    /** A full replacement message: fallback text and blocks (may be empty). */
    public record MessageContent(String text, List<LayoutBlock> blocks) {
        public MessageContent {
            Objects.requireNonNull(text, "text");
            blocks = blocks == null ? List.of() : List.copyOf(blocks);
        }
    }

    /**
     * Content read from its source when the update is sent rather than when it is submitted, and
     * checked again after the send: when it is {@link #outdated()} by then, it is submitted once
     * more. Why: replicas edit the same message through coalescers of their own, so one rendered
     * from an older state may reach Slack after another replica's newer one; its sender notices and
     * sends the newer state, and the message ends showing what the source holds.
     */
    public interface Rendering {
        /** The content to send now; called on the sending thread, may throw (the update is then dropped and logged). */
        MessageContent render();

        /** Whether the content {@link #render} last returned no longer matches the source. */
        boolean outdated();
    }

    /** Fixed content: never outdated. */
    private record Fixed(MessageContent content) implements Rendering {
        @Override
        public MessageContent render() {
            return content;
        }

        @Override
        public boolean outdated() {
            return false;
        }
    }

    /** Per message state. Fields guarded by {@code this}; {@code sending} serializes the HTTP calls. */
    private static final class Slot {
        final ReentrantLock sending = new ReentrantLock();
        Rendering pending;
        ScheduledFuture<?> timer;
        long generation; // invalidates a timer that fired while a flush held the lock
        long lastSentNanos;
        boolean everSent;
    }

    private final SlackWebApi api;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final Map<MessageKey, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param api the client that performs {@code chat.update}
     * @param scheduler runs the delayed updates (and their HTTP calls); owned by the caller
     * @param interval minimum time between two updates of one message, e.g. {@link #DEFAULT_INTERVAL}
     */
    public CoalescingMessageUpdater(SlackWebApi api, ScheduledExecutorService scheduler, Duration interval) {
        this.api = Objects.requireNonNull(api, "api");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        this.intervalNanos = interval.toNanos();
    }

    /** Updater with {@link #DEFAULT_INTERVAL}. */
    public CoalescingMessageUpdater(SlackWebApi api, ScheduledExecutorService scheduler) {
        this(api, scheduler, DEFAULT_INTERVAL);
    }

    /** Records {@code content} as the newest for {@code key} and schedules an update if none is due. */
    public void submit(MessageKey key, MessageContent content) {
        submit(key, new Fixed(Objects.requireNonNull(content, "content")));
    }

    /**
     * Records {@code rendering} as the newest content for {@code key} and schedules an update if none
     * is due; it is rendered when the update is sent, and submitted again after a send that it
     * reports {@linkplain Rendering#outdated() outdated}.
     */
    public void submit(MessageKey key, Rendering rendering) {
        Objects.requireNonNull(rendering, "rendering");
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            slot.pending = rendering;
            if (slot.timer == null) {
                long generation = ++slot.generation;
                long delay = slot.everSent ? slot.lastSentNanos + intervalNanos - System.nanoTime() : 0;
                slot.timer = scheduler.schedule(
                        () -> sendScheduled(key, slot, generation), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** True when no update is waiting or being sent, for the sandbox to know the bot is quiet. */
    public boolean idle() {
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.pending != null || slot.timer != null || slot.sending.isLocked()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Sends the pending content for {@code key} now, in the calling thread, and forgets the message.
     * Does nothing if nothing is pending.
     *
     * @throws SlackApiCallException if the final update fails
     */
    public void flush(MessageKey key) {
        Slot slot = slots.remove(key);
        if (slot == null) {
            return;
        }
        slot.sending.lock();
        Rendering sent;
        try {
            synchronized (slot) {
                if (slot.timer != null) {
                    slot.timer.cancel(false);
                }
                sent = take(slot);
            }
            send(key, sent);
        } finally {
            slot.sending.unlock();
        }
        resubmitIfOutdated(key, sent);
    }

    private void sendScheduled(MessageKey key, Slot slot, long generation) {
        Rendering sent = null;
        slot.sending.lock();
        try {
            synchronized (slot) {
                if (generation != slot.generation) {
                    return; // a flush or a newer timer took over
                }
                sent = take(slot);
            }
            send(key, sent);
        } catch (RuntimeException e) {
            sent = null;
            log.warn("Progress update of {} failed: {}", key, e.getMessage());
        } finally {
            slot.sending.unlock();
        }
        try {
            resubmitIfOutdated(key, sent);
        } catch (RuntimeException e) {
            log.warn("Progress update of {} could not be checked: {}", key, e.getMessage());
        }
    }

    private void send(MessageKey key, Rendering rendering) {
        if (rendering != null) {
            MessageContent content = rendering.render();
            api.update(key.channel(), key.ts(), content.text(), content.blocks());
        }
    }

    /** Outside the sending lock, so that a resubmission schedules a new interval like any submission. */
    private void resubmitIfOutdated(MessageKey key, Rendering sent) {
        if (sent != null && sent.outdated()) {
            submit(key, sent);
        }
    }

    /** Takes the pending content and starts a new interval; caller holds the slot's monitor. */
    private static Rendering take(Slot slot) {
        Rendering content = slot.pending;
        slot.pending = null;
        slot.timer = null;
        slot.generation++;
        if (content != null) {
            slot.lastSentNanos = System.nanoTime();
            slot.everSent = true;
        }
        return content;
    }
}
