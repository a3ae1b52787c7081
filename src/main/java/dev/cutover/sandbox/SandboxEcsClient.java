package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/** DescribeServices over {@link SandboxMetrics}; unknown services come back as MISSING failures, as in ECS. */
public final class SandboxEcsClient implements EcsClient {
    private final SandboxMetrics metrics;

    public SandboxEcsClient(SandboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String name : request.services()) {
            metrics.service(request.cluster(), name)
                    .ifPresentOrElse(
                            s -> found.add(Service.builder()
                                    .serviceName(name)
                                    .status("ACTIVE")
                                    .desiredCount(s.desired())
                                    .runningCount(s.running())
                                    .pendingCount(Math.max(0, s.desired() - s.running()))
                                    .build()),
                            () -> failures.add(Failure.builder()
                                    .arn(name)
                                    .reason("MISSING")
                                    .build()));
        }
        return DescribeServicesResponse.builder()
                .services(found)
                .failures(failures)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
