/**
 * The entry point: {@link dev.cutover.Main}, the picocli root command that calls {@code cli/}.
 */
package dev.cutover;
