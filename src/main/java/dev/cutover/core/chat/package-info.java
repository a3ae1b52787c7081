/**
 * Reply data (messages, blocks, buttons) and the {@link dev.cutover.core.chat.Notifier} port that
 * posts it. A medium renders it: Block Kit for Slack, plain text for the console and the CLI.
 */
@NullMarked
package dev.cutover.core.chat;

import org.jspecify.annotations.NullMarked;
