package dev.cutover.core.job;

import java.util.Map;

/**
 * How one attempt ended.
 *
 * @param outcome succeeded, failed, timed out, or detached (left running at shutdown)
 * @param exitCode the process or essential container's exit code, or null when there is none
 * @param detail a one-line reason, e.g. {@code exit code 3} or {@code HTTP 502}
 * @param refs references for people, e.g. {@code taskArn}, {@code logStream}, {@code executionArn}
 */
public record AttemptResult(Outcome outcome, Integer exitCode, String detail, Map<String, String> refs) {
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
