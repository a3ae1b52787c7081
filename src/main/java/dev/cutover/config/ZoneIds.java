package dev.cutover.config;

import dev.cutover.reply.NameList;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates time-zone names strictly: a tz database region ID ({@code Asia/Tokyo}) or {@code UTC}.
 * {@link java.util.TimeZone#getTimeZone(String)} silently turns an unknown name into GMT, and offsets or
 * abbreviations ignore daylight saving, so a schedule would drift twice a year.
 */
public final class ZoneIds {
    private static final Pattern REGION = Pattern.compile("(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|"
            + "Europe|Indian|Pacific)/[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)?");
    private static final Pattern OFFSET = Pattern.compile("(?i)(UTC|GMT|Z)?\\s*[+-]\\s*\\d{1,2}(:?\\d{2})?");
    private static final Map<String, String> ABBREVIATIONS = Map.of(
            "EST",
            "America/New_York",
            "EDT",
            "America/New_York",
            "CST",
            "America/Chicago",
            "MST",
            "America/Denver",
            "PST",
            "America/Los_Angeles",
            "PDT",
            "America/Los_Angeles",
            "JST",
            "Asia/Tokyo",
            "CET",
            "Europe/Paris",
            "BST",
            "Europe/London",
            "HST",
            "Pacific/Honolulu");
    private static final Set<String> REGIONS = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> REGION.matcher(z).matches())
            .collect(Collectors.toUnmodifiableSet());

    private ZoneIds() {}

    /**
     * Parses {@code value} as a zone for the config key {@code key}.
     *
     * @throws ConfigException.InvalidValue naming what is wrong and, when there is one, the closest valid ID
     */
    public static ZoneId parse(String key, String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("UTC")) {
            return ZoneId.of("UTC");
        }
        if (REGIONS.contains(v)) {
            return ZoneId.of(v);
        }
        throw ConfigException.invalid(key, problem(v));
    }

    private static String problem(String v) {
        String rule = "use a tz database region ID such as Asia/Tokyo or America/New_York, or UTC";
        if (v.isEmpty()) {
            return "empty time zone; " + rule;
        }
        if (OFFSET.matcher(v).matches() || v.matches("(?i)(UTC|GMT|Etc/.*)")) {
            return "'" + v + "' is a fixed offset, which ignores daylight saving; " + rule;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (ABBREVIATIONS.containsKey(upper)) {
            return "'" + v + "' is an abbreviation, ambiguous and blind to daylight saving; did you mean "
                    + ABBREVIATIONS.get(upper) + "? (" + rule + ")";
        }
        return closest(v)
                .map(s -> "unknown time zone '" + v + "'; did you mean " + s + "?")
                .orElse("unknown time zone '" + v + "'; " + rule);
    }

    /** The known region closest to {@code v} by edit distance, if it is close enough to be a typo. */
    static Optional<String> closest(String v) {
        String needle = normalise(v);
        return REGIONS.stream()
                .min(Comparator.comparingInt((String z) -> NameList.distance(needle, normalise(z)))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(z -> NameList.distance(needle, normalise(z)) <= Math.max(2, needle.length() / 4));
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
    }
}
