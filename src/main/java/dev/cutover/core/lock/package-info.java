/**
 * The job mutex: the {@link dev.cutover.core.lock.LockProvider} port, leases with fencing tokens, and
 * what busy and unavailable mean.
 */
package dev.cutover.core.lock;
