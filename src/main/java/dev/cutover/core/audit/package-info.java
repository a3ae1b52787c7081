/**
 * The audit trail: one event per request, decision, apply and result, and its port.
 */
@NullMarked
package dev.cutover.core.audit;

import org.jspecify.annotations.NullMarked;
