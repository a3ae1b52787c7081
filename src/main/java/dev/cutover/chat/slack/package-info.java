/**
 * The Slack adapter: Bolt wiring of commands and buttons, the HTTP server that verifies Slack's
 * signatures, Socket Mode, Block Kit rendering, and the Web API client behind the notifier and directory.
 */
package dev.cutover.chat.slack;
