package dev.cutover.core.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The fields every log line of a piece of work carries (SLF4J's MDC), so that one search for a
 * request id follows a cutover from the slash command to INSYNC, and one for a fire identity
 * follows a job run through its attempts. The JSON log format writes them under {@code mdc}.
 *
 * <p>Values are set for a scope ({@link #with}) and restored when it closes, so nested scopes and
 * pooled threads keep no field of earlier work; work handed to another thread takes the fields with
 * it through {@link #propagating}.
 */
public final class LogContext {
    /** The approval request's id (what the buttons carry). */
    public static final String REQUEST_ID = "requestId";
    /** The blue/green pair's name. */
    public static final String PAIR = "pair";
    /** The Slack user id of whoever typed the command or clicked. */
    public static final String SLACK_USER = "slackUser";
    /** The Route 53 change id of an applied change batch. */
    public static final String CHANGE_ID = "changeId";
    /** The scheduled job's name. */
    public static final String JOB = "job";
    /** The fire identity of a job run ({@code job-20260308T070000Z}). */
    public static final String FIRE_ID = "fireId";
    /** The fencing token of the lock a job run holds. */
    public static final String FENCING_TOKEN = "fencingToken";

    private LogContext() {}

    /** An open scope; closing it puts back what the field held before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets {@code key} to {@code value} until the returned scope closes; a null value leaves the
     * field as it is (and closing changes nothing).
     */
    public static Scope with(String key, @Nullable Object value) {
        if (value == null) {
            return () -> {};
        }
        String before = MDC.get(key);
        MDC.put(key, String.valueOf(value));
        return () -> {
            if (before == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, before);
            }
        };
    }

    /**
     * {@code task} run with the fields this thread has now; afterwards the running thread gets back
     * exactly the fields it had before (none, for a pool thread), so nothing leaks into its next task.
     */
    public static Runnable propagating(Runnable task) {
        @Nullable Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            @Nullable Map<String, String> before = MDC.getCopyOfContextMap();
            replace(captured);
            try {
                task.run();
            } finally {
                replace(before);
            }
        };
    }

    private static void replace(@Nullable Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }
}
