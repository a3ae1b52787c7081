package dev.cutover.testing;

import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobTarget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A target whose attempts are answered by a function; keeps every attempt it saw. */
public final class ScriptedTarget implements JobTarget {
    public final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Function<Attempt, AttemptResult> script;

    public ScriptedTarget(Function<Attempt, AttemptResult> script) {
        this.script = script;
    }

    public static ScriptedTarget succeeding() {
        return new ScriptedTarget(a -> AttemptResult.succeeded(0, "ok", null));
    }

    @Override
    public AttemptResult run(Attempt attempt) {
        attempts.add(attempt);
        return script.apply(attempt);
    }

    @Override
    public String describe() {
        return "scripted";
    }
}
