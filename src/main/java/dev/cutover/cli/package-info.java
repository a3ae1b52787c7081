/**
 * The command line: one picocli {@code *Cli} class per subcommand ({@code serve}, {@code sandbox},
 * {@code check-config}, {@code swap plan}). They load config and call {@code app/}; they build no adapter.
 */
package dev.cutover.cli;
