/**
 * The App Home dashboard's ports: who looked at their Home lately ({@link
 * dev.cutover.core.home.HomeViewers}), where a user's Home is published ({@link
 * dev.cutover.core.home.HomeSurface}), and what counts as an open incident ({@link
 * dev.cutover.core.home.OpenIncidents}).
 */
@NullMarked
package dev.cutover.core.home;

import org.jspecify.annotations.NullMarked;
