package dev.cutover.core.alert;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads scaling activities (Application Auto Scaling DescribeScalingActivities, or the sandbox). */
public interface ScalingHistory {
    /**
     * The activities of {@code resourceId} newer than {@code lastSeenId}, newest first.
     *
     * @param resourceId e.g. {@code service/prod/api}
     * @param lastSeenId the newest activity already reported, or null on the first poll (then only
     *     the newest activity is returned, as the starting point)
     * @throws RuntimeException when the read failed after the SDK's retries
     */
    List<ScalingActivity> newerThan(String resourceId, @Nullable String lastSeenId);
}
