package dev.cutover.aws;

import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ScalingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * {@link ScalingHistory} from Application Auto Scaling DescribeScalingActivities for ECS services
 * ({@code ecs:service:DesiredCount}): pages of {@value #PAGE_SIZE} (the API's maximum), newest
 * first, read only until the last activity already seen, at most {@value #MAX_PAGES} pages.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingActivities.html">DescribeScalingActivities</a>
 */
public final class AutoScalingHistory implements ScalingHistory {
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGES = 4;

    private final Supplier<ApplicationAutoScalingClient> client;

    public AutoScalingHistory(ApplicationAutoScalingClient client) {
        this(() -> client);
    }

    /** Over the client {@code client} supplies, asked on each call (e.g. one built on first use). */
    public AutoScalingHistory(Supplier<ApplicationAutoScalingClient> client) {
        this.client = client;
    }

    @Override
    public List<ScalingActivity> newerThan(String resourceId, @Nullable String lastSeenId) {
        List<ScalingActivity> out = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            DescribeScalingActivitiesResponse r = client.get()
                    .describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)
                            .resourceId(resourceId)
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                            .maxResults(lastSeenId == null ? 1 : PAGE_SIZE)
                            .nextToken(next));
            for (var a : r.scalingActivities()) {
                if (a.activityId().equals(lastSeenId) || lastSeenId == null && !out.isEmpty()) {
                    return out;
                }
                out.add(new ScalingActivity(
                        a.activityId(),
                        a.cause(),
                        a.description(),
                        a.statusCodeAsString(),
                        a.statusMessage(),
                        a.startTime()));
            }
            token = r.nextToken();
            if (token == null || lastSeenId == null) {
                break;
            }
        }
        return out;
    }
}
