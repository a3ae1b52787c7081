package dev.cutover.core.approval;

import java.time.Instant;

/**
 * A declared change freeze on a pair: new requests are refused until it is lifted.
 *
 * @param userId who declared it
 * @param reason why, as typed
 * @param at when
 */
public record Freeze(String userId, String reason, Instant at) {}
