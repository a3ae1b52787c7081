/**
 * Progressive traffic shifts: the weights of a blue and a green side, read and set as one
 * compare-and-swap ({@link dev.cutover.core.traffic.TrafficWeights}), whatever stands behind them
 * (Route 53 weighted records, an ALB forward action).
 */
@NullMarked
package dev.cutover.core.traffic;

import org.jspecify.annotations.NullMarked;
