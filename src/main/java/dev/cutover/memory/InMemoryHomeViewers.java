package dev.cutover.memory;

import dev.cutover.core.home.HomeViewers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Home's recent viewers in this process: one replica only. */
public final class InMemoryHomeViewers implements HomeViewers {
    private final Map<String, Instant> opens = new ConcurrentHashMap<>();

    @Override
    public void opened(String userId, Instant at) {
        opens.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public List<String> since(Instant since) {
        opens.values().removeIf(at -> at.isBefore(since));
        return opens.entrySet().stream()
                .filter(e -> !e.getValue().isBefore(since))
                .map(Map.Entry::getKey)
                .toList();
    }
}
