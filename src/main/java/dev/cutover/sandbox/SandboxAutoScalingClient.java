package dev.cutover.sandbox;

import dev.cutover.core.alert.ScalingActivity;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * DescribeScalingActivities over {@link SandboxMetrics}: the activities {@link
 * SandboxMetrics#setService} recorded, newest first, up to {@code maxResults} (one page).
 */
public final class SandboxAutoScalingClient implements ApplicationAutoScalingClient {
    private final SandboxMetrics metrics;

    public SandboxAutoScalingClient(SandboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public DescribeScalingActivitiesResponse describeScalingActivities(DescribeScalingActivitiesRequest request) {
        List<ScalingActivity> all = metrics.activities(request.resourceId());
        int max = request.maxResults() == null ? 50 : request.maxResults();
        return DescribeScalingActivitiesResponse.builder()
                .scalingActivities(all.subList(0, Math.min(max, all.size())).stream()
                        .map(a -> software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity.builder()
                                .activityId(a.id())
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(request.resourceId())
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                                .cause(a.cause())
                                .description(a.description())
                                .statusCode(a.status())
                                .startTime(a.start())
                                .build())
                        .toList())
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
