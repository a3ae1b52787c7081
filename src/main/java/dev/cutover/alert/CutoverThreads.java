package dev.cutover.alert;

import dev.cutover.core.chat.MessageRef;
import java.util.Optional;

/** Where alerts about a swap pair's queues and services go while a cutover of that pair is watched. */
@FunctionalInterface
public interface CutoverThreads {
    /** None: every alert goes to its own channel. */
    CutoverThreads NONE = pair -> Optional.empty();

    /** The open cutover message of {@code pair}, whose thread gets the alerts; empty when none is open. */
    Optional<MessageRef> threadOf(String pair);
}
