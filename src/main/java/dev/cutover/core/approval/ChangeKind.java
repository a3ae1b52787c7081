package dev.cutover.core.approval;

/** What a request changes. */
public enum ChangeKind {
    /** Exchange the targets of a pair's records. */
    SWAP,
    /** Undo the last applied swap of a pair. */
    ROLLBACK;

    /** The word used in messages: "swap" or "rollback". */
    public String word() {
        return name().toLowerCase();
    }
}
