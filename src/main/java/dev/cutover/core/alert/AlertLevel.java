package dev.cutover.core.alert;

/** How bad a queue's backlog is; ordered, so {@code CRITICAL} compares above {@code WARNING}. */
public enum AlertLevel {
    OK,
    WARNING,
    CRITICAL;

    /** The lower-case name config files and messages use. */
    public String wire() {
        return name().toLowerCase();
    }

    /** The higher of two levels. */
    public static AlertLevel max(AlertLevel a, AlertLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The lower of two levels. */
    public static AlertLevel min(AlertLevel a, AlertLevel b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
