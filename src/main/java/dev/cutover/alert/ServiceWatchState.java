package dev.cutover.alert;

import dev.cutover.core.alert.ServiceCounts;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the bot last reported about one ECS service; shared by replicas through the state store.
 *
 * @param counts the counts last seen
 * @param lastActivityId the newest scaling activity reported, or null
 * @param belowSince since when running has been below desired, or null
 * @param belowWarned whether that was already warned about
 */
public record ServiceWatchState(
        ServiceCounts counts, @Nullable String lastActivityId, @Nullable Instant belowSince, boolean belowWarned) {}
