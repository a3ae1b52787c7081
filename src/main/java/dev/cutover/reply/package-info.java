/**
 * Helpers that format reply data for chat: Slack mrkdwn mentions, links, times and escaping. Used by
 * the feature folders (commands, alerts, jobs) when they build messages; never by the core.
 */
@NullMarked
package dev.cutover.reply;

import org.jspecify.annotations.NullMarked;
