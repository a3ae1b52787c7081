/**
 * The config tree as records, the YAML loader with {@code ${VAR}} interpolation, and validation
 * errors that name the file, line and key.
 */
package dev.cutover.config;
