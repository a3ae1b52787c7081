/**
 * Logback converters that write every logged value as data: one event is one line, whatever the
 * value holds. Referenced by name from {@code logback.xml}.
 */
package dev.cutover.logging;
