package dev.cutover.alert;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One reading of the new side during a cutover watch.
 *
 * @param requests RequestCount summed since the swap
 * @param errors HTTPCode_Target_5XX_Count summed since the swap
 * @param p95Seconds the newest TargetResponseTime p95 in seconds, or null without traffic
 * @param running the ECS service's running count, or null when no service is configured
 * @param desired the ECS service's desired count, or null
 */
record CutoverReading(
        double requests,
        double errors,
        @Nullable Double p95Seconds,
        @Nullable Integer running,
        @Nullable Integer desired) {
    /** 5XX / requests, 0 without requests. */
    double errorRate() {
        return requests > 0 ? errors / requests : 0;
    }

    /** The thresholds this reading crosses, each as a breach kind and a sentence. */
    List<String[]> breaches(dev.cutover.config.CutoverWatchSettings s) {
        List<String[]> out = new ArrayList<>();
        if (requests >= s.minRequests() && errorRate() > s.maxErrorRate()) {
            out.add(new String[] {
                "errors",
                String.format(
                        "5XX error rate %.1f%% (%d of %d requests) is above %.1f%%",
                        errorRate() * 100, (long) errors, (long) requests, s.maxErrorRate() * 100)
            });
        }
        if (p95Seconds != null && p95Seconds > s.maxP95Seconds()) {
            out.add(new String[] {
                "latency", String.format("p95 response time %.2f s is above %.2f s", p95Seconds, s.maxP95Seconds())
            });
        }
        if (running != null && desired != null && running < desired) {
            out.add(new String[] {"tasks", "running " + running + " is below desired " + desired});
        }
        return out;
    }
}
