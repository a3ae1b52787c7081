/**
 * The benchmark suite: the bot's speed measured side by side with its baselines in the same run
 * ({@link dev.cutover.bench.Suite}, started by {@code bench/run}; see docs/benchmarks.md).
 */
package dev.cutover.bench;
