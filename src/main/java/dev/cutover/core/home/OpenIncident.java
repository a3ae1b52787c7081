package dev.cutover.core.home;

import dev.cutover.core.chat.MessageRef;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident still open, as the Home lists it.
 *
 * @param kind what raised it, e.g. {@code queue}, {@code service}, {@code alarm}
 * @param name the configured name of the queue, service or alarm
 * @param level the level in words, e.g. {@code warning}, {@code critical}
 * @param since when it began
 * @param message the channel message of the incident, or null while it is not posted
 */
public record OpenIncident(String kind, String name, String level, Instant since, @Nullable MessageRef message) {
    public OpenIncident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(since, "since");
    }
}
