/**
 * Alert rules and state: levels with hysteresis, incidents, step scaling policies, and the ports the
 * monitors read (queue metrics and depth, service status, scaling history, target group traffic).
 */
@NullMarked
package dev.cutover.core.alert;

import org.jspecify.annotations.NullMarked;
