/**
 * The scheduled-jobs feature: config turned into job specs, the feature's lifecycle, and the target
 * adapters that need only the JDK (HTTP, local process). Built by the composition root from core ports.
 */
package dev.cutover.jobs;
