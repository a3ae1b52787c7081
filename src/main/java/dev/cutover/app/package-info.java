/**
 * The composition root: the only place that builds adapters and picks implementations. Production
 * ({@link dev.cutover.app.ProductionParts}), the sandbox and the tests each build one {@link
 * dev.cutover.app.BotPorts} record; {@link dev.cutover.app.Bot} is built from it.
 */
@NullMarked
package dev.cutover.app;

import org.jspecify.annotations.NullMarked;
