/**
 * The alerts feature: queue and scaling monitors that post on a change of level only, the cutover
 * watch after a swap, and {@code /cutover status}. Reads core ports ({@code core.alert}); never an SDK.
 */
@NullMarked
package dev.cutover.alert;

import org.jspecify.annotations.NullMarked;
