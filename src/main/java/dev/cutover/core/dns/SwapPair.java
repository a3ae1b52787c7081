package dev.cutover.core.dns;

import java.util.Objects;

/**
 * Two records in one hosted zone whose targets a swap exchanges.
 *
 * @param name the pair's name, as users type it
 * @param zoneId the hosted zone id without the {@code /hostedzone/} prefix
 * @param blue the first record name, lower-case with a trailing dot
 * @param green the second record name, lower-case with a trailing dot
 */
public record SwapPair(String name, String zoneId, String blue, String green) {
    public SwapPair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zoneId, "zoneId");
        blue = RecordSet.normalizeName(blue);
        green = RecordSet.normalizeName(green);
    }
}
