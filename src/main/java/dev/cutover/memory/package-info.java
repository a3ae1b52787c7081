/**
 * In-memory implementations of the core ports: for unit tests, the sandbox and a single instance
 * without Redis.
 */
@NullMarked
package dev.cutover.memory;

import org.jspecify.annotations.NullMarked;
