package dev.cutover.alert;

import java.util.List;

/** The guard alarms of a pair ({@code guardAlarms:}) that fire now: each a failed health check. */
@FunctionalInterface
public interface GuardAlarms {
    /** None fire. */
    GuardAlarms NONE = pair -> List.of();

    /**
     * One sentence per guard alarm of {@code pair} in ALARM now; empty when none.
     *
     * @throws RuntimeException when the shared store cannot be read
     */
    List<String> firing(String pair);
}
