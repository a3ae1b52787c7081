/**
 * In-memory implementations of the core ports: for unit tests, the sandbox and a single instance
 * without Redis.
 */
package dev.cutover.memory;
