package dev.cutover.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the append-only audit trail.
 *
 * @param at when it happened
 * @param pair the swap pair (or job) it concerns
 * @param requestId the request, or null
 * @param action what happened: {@code requested}, {@code approved}, {@code rejected},
 *     {@code cancelled}, {@code expired}, {@code applying}, {@code applied}, {@code failed},
 *     {@code drifted}, {@code frozen}, {@code unfrozen}, {@code break-glass}
 * @param userId who did it, or {@code system}
 * @param detail further facts (change id, seconds, reason), string to string
 */
public record AuditEvent(
        Instant at, String pair, @Nullable String requestId, String action, String userId, Map<String, String> detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(action, "action");
        userId = userId == null ? "system" : userId;
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
