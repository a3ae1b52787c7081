/**
 * The audit trail: one event per request, decision, apply and result, and its port.
 */
package dev.cutover.core.audit;
