/**
 * Scheduled jobs: specs, the runner with timeout, retries and backoff, fire identities and claims,
 * run history, missed-run detection, and the scheduler and target ports.
 */
package dev.cutover.core.job;
