/**
 * The command line: one picocli {@code *Cli} class per subcommand ({@code serve}, {@code sandbox},
 * {@code check-config}, {@code swap plan}). They load config and call {@code app/}; they build no adapter.
 *
 * <p>picocli fills the {@code @Option}, {@code @Parameters}, {@code @Mixin} and {@code @Spec} fields
 * before {@code call()}; an option without a default value is {@code @Nullable}.
 */
@NullMarked
package dev.cutover.cli;

import org.jspecify.annotations.NullMarked;
