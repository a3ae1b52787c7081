package dev.cutover.core.approval;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One person's decision on a request.
 *
 * @param userId who decided
 * @param at when
 * @param reason the reason given (rejections, cancellations, break-glass), or null
 * @param breakGlass true when the requester approved their own request under break-glass; flagged
 *     for review
 */
public record Decision(String userId, Instant at, @Nullable String reason, boolean breakGlass) {
    public Decision {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
    }
}
