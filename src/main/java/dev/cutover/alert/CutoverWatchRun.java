package dev.cutover.alert;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.DnsRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One cutover being watched: its message, its readings, and the alerts already posted. */
final class CutoverWatchRun {
    private static final Logger log = LoggerFactory.getLogger(CutoverWatchRun.class);

    final CutoverWatch watch;
    final AppliedSwap applied;
    final CutoverWatchSettings.Side side;
    final Duration ttl;
    final Instant start;
    final Instant end;
    final Set<String> alerted = new LinkedHashSet<>();
    // Null until known: the message until posted (and when it cannot be), insyncAt until INSYNC,
    // insyncProblem unless INSYNC cannot be confirmed, last before the first reading, and ending while
    // the watch runs (then healthy, alerts, unconfirmed or "stopped: why").
    volatile @Nullable MessageRef message;
    volatile @Nullable Instant insyncAt;
    volatile @Nullable String insyncProblem;

    @Nullable
    CutoverReading last;

    @Nullable
    String ending;

    private @Nullable ScheduledFuture<?> future;

    CutoverWatchRun(
            CutoverWatch watch, AppliedSwap applied, CutoverWatchSettings.Side side, Duration ttl, Instant start) {
        this.watch = watch;
        this.applied = applied;
        this.side = side;
        this.ttl = ttl;
        this.start = start;
        this.end = start.plus(watch.settings().window());
    }

    String pair() {
        return applied.plan().pair().name();
    }

    @Nullable
    MessageRef message() {
        return message;
    }

    void start(String channel) {
        try {
            message = watch.notifier()
                    .post(
                            channel,
                            CutoverWatchMessages.status(this, watch.clock().instant()));
        } catch (RuntimeException e) {
            log.warn("could not post the cutover watch of {}: {}", pair(), e.toString());
        }
    }

    /** Blocks until Route 53 reports the change INSYNC (run on the blocking executor). */
    void awaitInsync(DnsRecords dns, Duration timeout) {
        try {
            dns.awaitInsync(applied.changeId(), timeout);
            insyncAt = watch.clock().instant();
        } catch (RuntimeException e) {
            insyncProblem = e.getMessage();
        }
    }

    synchronized void schedule(ScheduledExecutorService timer, Duration interval) {
        if (ending == null) {
            future = Polls.every(timer, interval, "cutover " + pair(), this::poll);
        }
    }

    synchronized void poll() {
        if (ending != null || message == null) {
            return;
        }
        Instant now = watch.clock().instant();
        try {
            last = read(now);
            alertOnBreaches();
        } catch (RuntimeException e) {
            log.warn("cutover watch of {}: reading failed: {}", pair(), e.toString());
        }
        if (!now.isBefore(end)) {
            if (insyncAt != null && !now.isBefore(insyncAt.plus(ttl)) && last != null) {
                // No requests reached the new side: nothing says it works, so it is not "healthy".
                finish(!alerted.isEmpty() ? "alerts" : last.requests() > 0 ? "healthy" : "quiet");
                return;
            }
            if (insyncProblem != null || !now.isBefore(end.plus(watch.settings().window()))) {
                finish("unconfirmed");
                return;
            }
        }
        Polls.quietly(pair(), () -> watch.notifier().update(message, CutoverWatchMessages.status(this, now)));
    }

    synchronized void stop(String why) {
        if (ending == null) {
            finish("stopped: " + why);
        }
    }

    private void finish(String how) {
        ending = how;
        if (future != null) {
            future.cancel(false);
        }
        watch.closed(this);
        Instant now = watch.clock().instant();
        if (message != null) {
            Polls.quietly(pair(), () -> watch.notifier().update(message, CutoverWatchMessages.status(this, now)));
            Polls.quietly(pair(), () -> watch.notifier().reply(message, CutoverWatchMessages.ending(this)));
        }
    }

    private void alertOnBreaches() {
        for (String[] b : last.breaches(watch.settings())) {
            if (alerted.add(b[0])) {
                Polls.quietly(pair(), () -> watch.notifier().reply(message, CutoverWatchMessages.alert(this, b[1])));
            }
        }
    }

    private CutoverReading read(Instant now) {
        return CutoverReading.read(watch.traffic(), watch.ecs(), side, start, now);
    }
}
