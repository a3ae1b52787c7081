/**
 * The entry point: {@link dev.cutover.Main}, the picocli root command that calls {@code cli/}.
 */
@NullMarked
package dev.cutover;

import org.jspecify.annotations.NullMarked;
