package dev.cutover.commands;

import dev.cutover.core.chat.Block;
import dev.cutover.core.traffic.Shift;
import java.time.Instant;

/** The parts of a rendered shift message that tests in other packages read. */
public final class ShiftMessagesAccess {
    private ShiftMessagesAccess() {}

    /** The header of {@code s}'s message at {@code now}. */
    public static String title(Shift s, Instant now) {
        return ShiftMessages.render(s, now).blocks().stream()
                .filter(Block.Header.class::isInstance)
                .map(b -> ((Block.Header) b).text())
                .findFirst()
                .orElseThrow();
    }
}
