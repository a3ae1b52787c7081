package dev.cutover.memory;

import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ScalingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link ScalingHistory} in this process, for tests: activities {@link #add added} per resource,
 * newest first, read with the same contract as Application Auto Scaling's adapter. Thread-safe.
 */
public final class InMemoryScalingHistory implements ScalingHistory {
    private final Map<String, List<ScalingActivity>> activities = new ConcurrentHashMap<>();

    /** Records {@code activity} of {@code resourceId} (e.g. {@code service/prod/api}) as its newest. */
    public void add(String resourceId, ScalingActivity activity) {
        activities.compute(resourceId, (k, list) -> {
            List<ScalingActivity> next = new ArrayList<>();
            next.add(activity);
            if (list != null) {
                next.addAll(list);
            }
            return List.copyOf(next);
        });
    }

    @Override
    public List<ScalingActivity> newerThan(String resourceId, @Nullable String lastSeenId) {
        List<ScalingActivity> all = activities.getOrDefault(resourceId, List.of());
        if (lastSeenId == null) {
            return all.isEmpty() ? List.of() : List.of(all.get(0));
        }
        List<ScalingActivity> out = new ArrayList<>();
        for (ScalingActivity a : all) {
            if (a.id().equals(lastSeenId)) {
                break;
            }
            out.add(a);
        }
        return out;
    }
}
