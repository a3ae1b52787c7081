package dev.cutover.core.job;

import java.util.Map;

/**
 * How one attempt ended.
 *
 * @param outcome succeeded, failed, timed out, or detached (left running at shutdown)
 * @param exitCode the process or essential container's exit code, or null when there is none
 * @param detail a one-line reason, e.g. {@code exit code 3} or {@code HTTP 502}
 * @param refs references for people, e.g. {@code taskArn}, {@code logStream}, {@code executionArn}
 * @param mayStillRun true when the target was told to stop (timeout, cancel) but the stop was not
 *     confirmed (StopTask or StopExecution failed, a process outlived its kill): the work may go on,
 *     so its lock is left to lapse at the end of its lease instead of being released
 */
public record AttemptResult(
        Outcome outcome, Integer exitCode, String detail, Map<String, String> refs, boolean mayStillRun) {
    /** How an attempt ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        /** Cancelled by the bot's shutdown under {@code onShutdown: detach}: the remote work goes on. */
        DETACHED
    }

    public AttemptResult {
        detail = detail == null ? "" : detail;
        refs = refs == null ? Map.of() : Map.copyOf(refs);
    }

    /** A result whose target stopped, or never needed stopping. */
    public AttemptResult(Outcome outcome, Integer exitCode, String detail, Map<String, String> refs) {
        this(outcome, exitCode, detail, refs, false);
    }

    /** This result, saying the target's stop was not confirmed: see {@link #mayStillRun()}. */
    public AttemptResult unstopped() {
        return new AttemptResult(outcome, exitCode, detail, refs, true);
    }

    public static AttemptResult succeeded(Integer exitCode, String detail, Map<String, String> refs) {
        return new AttemptResult(Outcome.SUCCEEDED, exitCode, detail, refs);
    }

    public static AttemptResult failed(Integer exitCode, String detail, Map<String, String> refs) {
        return new AttemptResult(Outcome.FAILED, exitCode, detail, refs);
    }

    public static AttemptResult timedOut(String detail, Map<String, String> refs) {
        return new AttemptResult(Outcome.TIMED_OUT, null, detail, refs);
    }

    public static AttemptResult detached(String detail, Map<String, String> refs) {
        return new AttemptResult(Outcome.DETACHED, null, detail, refs);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
