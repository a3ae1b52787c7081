/**
 * The sandbox's Slack client in a terminal: typed lines become signed Slack payloads to the bot's
 * HTTP endpoint, and what the in-process Slack receives is shown as text.
 */
@NullMarked
package dev.cutover.sandbox.console;

import org.jspecify.annotations.NullMarked;
