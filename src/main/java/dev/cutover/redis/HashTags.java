package dev.cutover.redis;

/**
 * Redis Cluster hash tags: keys whose names hold the same {@code {tag}} live in the same hash slot,
 * so one Lua script may touch them all (a script's keys in different slots fail with CROSSSLOT). A
 * standalone Redis ignores the braces.
 *
 * @see <a href="https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags">Hash tags</a>
 */
final class HashTags {
    private HashTags() {}

    /**
     * {@code {id}}: the slot is computed from {@code id} alone.
     *
     * @throws IllegalArgumentException when {@code id} is empty or holds a brace, which would move the
     *     tag's end and could put keys meant to be together in different slots
     */
    static String of(String id) {
        if (id.isEmpty() || id.indexOf('{') >= 0 || id.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a hash-tagged name must be non-empty without braces: " + id);
        }
        return "{" + id + "}";
    }

    /**
     * {@code prefix} itself, checked to hold no brace: a brace there would become every key's tag.
     *
     * @throws IllegalArgumentException when it does
     */
    static String checkedPrefix(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a key prefix must not hold braces (hash tags): " + prefix);
        }
        return prefix;
    }
}
