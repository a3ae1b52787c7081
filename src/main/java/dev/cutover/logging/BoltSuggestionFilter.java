package dev.cutover.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Bolt's "No ...Handler registered for ...: {}\n{}" warning, which Bolt writes for every
 * request no handler matched, followed by a sample of listener code over a dozen lines. The bot's
 * catch-all middleware ({@code SlackCatchAlls}) acks those requests and logs one line for each, so
 * nothing is lost but the code sample.
 *
 * <p>Matched by Bolt's own template (its logger and the trailing {@code \n{}} slot of the code
 * sample, as in Bolt 1.51's {@code App.runHandler}), so a Bolt warning of any other kind still shows.
 */
public final class BoltSuggestionFilter extends TurboFilter {
    private static final String BOLT = "com.slack.api.bolt";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format != null
                && level == Level.WARN
                && logger.getName().startsWith(BOLT)
                && format.startsWith("No ")
                && format.contains(" registered for ")
                && format.endsWith("\n{}")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
