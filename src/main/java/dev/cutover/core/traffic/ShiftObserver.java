package dev.cutover.core.traffic;

/**
 * Told after each stored change of a shift, on the thread that made it: the chat side updates the
 * shift's message and posts progress to its thread. Must not throw; the store already holds
 * {@code after}.
 */
public interface ShiftObserver {
    /** Nobody is told. */
    ShiftObserver NONE = (before, after) -> {};

    /** {@code before} became {@code after} (one version higher). */
    void changed(Shift before, Shift after);
}
