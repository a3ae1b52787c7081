package dev.cutover.core.dns;

import java.util.Objects;

/**
 * One change of a Route 53 change batch.
 *
 * @param action DELETE (must repeat the current record exactly) or CREATE
 * @param record the record set deleted or created
 */
public record RecordChange(Action action, RecordSet record) {
    /** Only DELETE and CREATE: UPSERT is last-writer-wins and would defeat the compare-and-swap. */
    public enum Action {
        DELETE,
        CREATE
    }

    public RecordChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(record, "record");
    }
}
