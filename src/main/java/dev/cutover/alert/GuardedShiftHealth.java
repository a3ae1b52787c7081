package dev.cutover.alert;

import dev.cutover.core.traffic.ShiftHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A shift's health with its pair's guard alarms ({@code guardAlarms:}) as health checks: each guard
 * alarm in ALARM is one more breach, so the shift halts or reverts as its plan says. A firing guard
 * alarm counts even when the metrics cannot be read.
 */
public final class GuardedShiftHealth implements ShiftHealth {
    private final ShiftHealth metrics;
    private final GuardAlarms guards;

    /**
     * @param metrics the health read from the metrics (the cutover watch's thresholds)
     * @param guards the guard alarms that fire now
     */
    public GuardedShiftHealth(ShiftHealth metrics, GuardAlarms guards) {
        this.metrics = metrics;
        this.guards = guards;
    }

    @Override
    public Reading read(String pair, Instant since) {
        List<String> firing =
                guards.firing(pair).stream().map(f -> "guard alarm " + f).toList();
        Reading r;
        try {
            r = metrics.read(pair, since);
        } catch (RuntimeException e) {
            if (firing.isEmpty()) {
                throw e;
            }
            return new Reading("metrics not readable; " + String.join("; ", firing), firing);
        }
        if (firing.isEmpty()) {
            return r;
        }
        List<String> breaches = new ArrayList<>(r.breaches());
        breaches.addAll(firing);
        return new Reading(r.summary() + " · " + String.join("; ", firing), breaches, r.unconfirmed());
    }
}
