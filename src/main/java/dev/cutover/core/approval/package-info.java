/**
 * Four-eyes approval of a change: requests and their state machine, who may decide, freezes, the
 * compare-and-set decision loop and its audit. Refusals are a sealed type, worded by the chat side.
 */
@NullMarked
package dev.cutover.core.approval;

import org.jspecify.annotations.NullMarked;
