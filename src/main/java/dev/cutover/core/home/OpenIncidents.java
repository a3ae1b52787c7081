package dev.cutover.core.home;

import java.util.List;

/**
 * One source of open incidents for the Home (port): the queue alerts, the services' running-below-
 * desired warnings, and any later source (e.g. CloudWatch alarms) added as one more provider.
 */
@FunctionalInterface
public interface OpenIncidents {
    /**
     * The incidents open now, read from the shared store.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    List<OpenIncident> open();
}
