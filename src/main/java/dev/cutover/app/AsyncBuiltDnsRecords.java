package dev.cutover.app;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@link DnsRecords} built on a thread of its own while the rest of the bot starts: building the
 * Route 53 client (SDK core, endpoint rules, HTTP client) is the largest single step of a start,
 * and nothing needs it before the first swap command. A call waits for the build if it is still
 * running, and throws what the build threw if it failed.
 */
final class AsyncBuiltDnsRecords implements DnsRecords {
    private final CompletableFuture<DnsRecords> built;

    /** Starts {@code build} on a new daemon thread. */
    AsyncBuiltDnsRecords(Supplier<DnsRecords> build) {
        this.built = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        built.complete(build.get());
                    } catch (RuntimeException | Error e) {
                        built.completeExceptionally(e);
                    }
                },
                "cutover-dns-build");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the build has ended, however it ended (before the clients are closed). */
    void awaitBuilt() {
        try {
            built.join();
        } catch (CompletionException e) {
            // reported by the calls
        }
    }

    @Override
    public List<RecordSet> read(String zoneId, String name) {
        return records().read(zoneId, name);
    }

    @Override
    public String submit(String zoneId, List<RecordChange> changes, String comment) {
        return records().submit(zoneId, changes, comment);
    }

    @Override
    public Duration awaitInsync(String changeId, Duration timeout) {
        return records().awaitInsync(changeId, timeout);
    }

    @Override
    public Set<String> typesAt(String zoneId, String name) {
        return records().typesAt(zoneId, name);
    }

    @Override
    public boolean insync(String changeId) {
        return records().insync(changeId);
    }

    private DnsRecords records() {
        try {
            return built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
