package dev.cutover.core.alert;

import java.util.OptionalDouble;

/**
 * A load balancer target group's traffic over a window.
 *
 * @param requests requests the target group received in the window (ALB {@code RequestCount}, Sum)
 * @param errors 5XX responses its targets returned in the window ({@code HTTPCode_Target_5XX_Count},
 *     Sum); never more meaningful than {@code requests}, but not checked against it
 * @param p95Seconds the newest p95 response time in seconds ({@code TargetResponseTime}); empty
 *     when the window saw no traffic
 */
public record Traffic(double requests, double errors, OptionalDouble p95Seconds) {
    /** No traffic: what a target group without datapoints in the window reads as. */
    public static final Traffic NONE = new Traffic(0, 0, OptionalDouble.empty());

    public Traffic {
        if (requests < 0 || errors < 0) {
            throw new IllegalArgumentException("negative traffic: " + requests + " requests, " + errors + " errors");
        }
        java.util.Objects.requireNonNull(p95Seconds, "p95Seconds");
    }
}
