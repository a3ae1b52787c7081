package dev.cutover.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM (every deploy on ECS or Kubernetes) and SIGINT into an orderly stop within a grace.
 *
 * <p>The JVM's own handling runs shutdown hooks and halts with status 143 while the main thread may
 * still be closing things, so work in flight is cut off. Instead, the signal only wakes {@code
 * serve}, which closes the transport, the bot and its clients on its own thread and exits 0; a
 * watchdog halts the process with status 1 if that takes longer than the grace (ECS sends SIGKILL
 * {@code stopTimeout} after SIGTERM: better to say so in the log first). A shutdown the JVM starts
 * by other means (another signal, {@code System.exit}) waits up to the grace for the same close.
 */
public final class GracefulShutdown {
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final Duration grace;
    private final CompletableFuture<String> requested = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private GracefulShutdown(Duration grace) {
        this.grace = grace;
    }

    /**
     * Installs the handlers of SIGTERM and SIGINT and a shutdown hook.
     *
     * @param grace how long the close may take after the signal before the process is halted
     */
    public static GracefulShutdown install(Duration grace) {
        GracefulShutdown s = new GracefulShutdown(grace);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> s.requested.complete("SIG" + sig.getName()));
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            s.requested.complete("JVM shutdown");
                            s.awaitStopped();
                        },
                        "cutover-shutdown-hook"));
        return s;
    }

    /**
     * Blocks until a stop is asked for, then logs it and arms the watchdog.
     *
     * @return what asked for it, e.g. {@code SIGTERM}
     */
    public String awaitRequest() throws InterruptedException {
        String why;
        try {
            why = requested.get();
        } catch (ExecutionException e) {
            why = "error";
        }
        log.info("stopping ({}): no new work is taken; work in flight has {} s to finish", why, grace.toSeconds());
        Thread watchdog = new Thread(this::haltIfNotStopped, "cutover-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return why;
    }

    /** Says the close is done: the watchdog stands down and a waiting shutdown hook returns. */
    public void stopped() {
        stopped.countDown();
    }

    private void haltIfNotStopped() {
        try {
            if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error(
                        "not stopped within the shutdown grace of {} s: exiting with work in flight",
                        grace.toSeconds());
                Runtime.getRuntime().halt(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
