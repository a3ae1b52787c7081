package dev.cutover.core.alert;

/**
 * Makes the monitors' state stores by name: in Redis for replicas, or in this process. The
 * composition root picks the implementation.
 */
@FunctionalInterface
public interface StateStores {
    /**
     * A store for states of {@code type} under {@code name} (e.g. {@code queue}, {@code service});
     * stores of different names never see each other's keys.
     */
    <T> StateStore<T> named(String name, Class<T> type);
}
