package dev.cutover.core.alert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One Application Auto Scaling activity.
 *
 * @param id the activity id
 * @param cause why it started, e.g. {@code monitor alarm ... in state ALARM triggered policy ...}
 * @param description what it does, e.g. {@code Setting desired count to 5.}
 * @param status Pending, InProgress, Successful, Overridden, Unfulfilled or Failed
 * @param statusMessage AWS's explanation of the status, or null
 * @param start when it started
 */
public record ScalingActivity(
        String id, String cause, String description, String status, @Nullable String statusMessage, Instant start) {}
