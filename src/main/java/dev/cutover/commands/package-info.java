/**
 * The chat commands and buttons: each parses its invocation before the ack from memory only, and
 * turns the core's outcomes into reply data (refusals are worded in {@link dev.cutover.commands.RefusalText}).
 */
@NullMarked
package dev.cutover.commands;

import org.jspecify.annotations.NullMarked;
