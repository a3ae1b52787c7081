package dev.cutover.reply;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Configured names (pairs, jobs) listed in a reply within Slack's 3,000 characters per section at any
 * config size: the first {@link #SHOWN} as code spans, then "…and N more — {@code where}" naming the
 * command that lists them all (issue rule: never a silent cut). For a mistyped name, the closest
 * configured ones.
 */
public final class NameList {
    /** The most names one reply lists: 20 names of 63 characters take about 1,400 characters. */
    public static final int SHOWN = 20;

    /** The most names suggested for a mistyped one. */
    public static final int SUGGESTED = 3;

    /** Typed words longer than this get no suggestion: no configured name is that long. */
    private static final int LONGEST_TYPED = 100;

    private NameList() {}

    /**
     * {@code `a`, `b`, …} for at most {@link #SHOWN} of {@code names} (in their order), then
     * "…and N more — {@code where}" when some were left out.
     *
     * @param where mrkdwn telling where the whole list is, e.g. {@code `/cron list` lists them all}
     */
    public static String of(Collection<String> names, String where) {
        List<String> shown = names.stream().limit(SHOWN).map(NameList::code).toList();
        String list = String.join(", ", shown);
        int more = names.size() - shown.size();
        return more > 0 ? list + " …and " + more + " more — " + where : list;
    }

    /**
     * "Did you mean `a`, `b` or `c`? " for the configured names closest to {@code typed} (by edit
     * distance, ignoring case; close enough to be a typo, or containing it), or an empty string.
     */
    public static String didYouMean(String typed, Collection<String> names) {
        List<String> close = closest(typed, names, SUGGESTED);
        if (close.isEmpty()) {
            return "";
        }
        List<String> codes = close.stream().map(NameList::code).toList();
        String list = codes.size() == 1
                ? codes.get(0)
                : String.join(", ", codes.subList(0, codes.size() - 1)) + " or " + codes.get(codes.size() - 1);
        return "Did you mean " + list + "? ";
    }

    /**
     * At most {@code max} of {@code names} closest to {@code typed}, closest first: within an edit
     * distance of a quarter of its length (at least 2), or containing it (at least 3 characters).
     */
    public static List<String> closest(String typed, Collection<String> names, int max) {
        String t = typed.toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > LONGEST_TYPED) {
            return List.of();
        }
        int near = Math.max(2, t.length() / 4);
        return names.stream()
                .map(n -> new Scored(n, distance(t, n.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= near
                        || (t.length() >= 3 && s.name().toLowerCase(Locale.ROOT).contains(t)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {}

    private static String code(String name) {
        return "`" + name + "`";
    }

    /** The Levenshtein distance of {@code a} and {@code b}: insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
