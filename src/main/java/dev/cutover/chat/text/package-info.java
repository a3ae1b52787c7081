/**
 * The text medium: renders reply data ({@code core.chat.Message}) as terminal lines, for the sandbox
 * console and the command line, as {@code chat.slack} renders it as Block Kit for Slack.
 */
@NullMarked
package dev.cutover.chat.text;

import org.jspecify.annotations.NullMarked;
