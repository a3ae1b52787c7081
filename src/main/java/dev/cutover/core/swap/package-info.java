/**
 * The blue/green swap use case: request, approve, apply as one compare-and-swap change batch, await
 * INSYNC, finish (and the rollback that reuses it), returning domain outcomes to its observers.
 */
@NullMarked
package dev.cutover.core.swap;

import org.jspecify.annotations.NullMarked;
