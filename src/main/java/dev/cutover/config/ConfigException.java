package dev.cutover.config;

/**
 * A configuration file that cannot be used, with where the problem is.
 *
 * <p>The message reads {@code cutover.yml:12: pairs[0].zoneId: must be a Route 53 hosted zone id
 * (Z...)}. Values are never part of the message, so a secret interpolated from the environment does
 * not leak into logs.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param file the config file's name as the user gave it, or {@code null} for the built-in one
     * @param line the 1-based line, or 0 when unknown
     * @param key the dotted key path, e.g. {@code jobs[2].cron}; empty for the whole file
     * @param problem what is wrong and what is allowed
     */
    public ConfigException(String file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    /**
     * A problem with one key of the value being built, thrown from a config record's compact
     * constructor; the loader adds the file, the line and the full key path.
     *
     * @param key the key relative to the record being built, e.g. {@code cron}
     * @param problem what is wrong and what is allowed
     */
    public static InvalidValue invalid(String key, String problem) {
        return new InvalidValue(key, problem);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    private static String format(String file, int line, String key, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "(built-in config)" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** A problem found while building one config record; see {@link #invalid(String, String)}. */
    public static final class InvalidValue extends IllegalArgumentException {
        private final String key;
        private final String problem;

        InvalidValue(String key, String problem) {
            super(key + ": " + problem);
            this.key = key;
            this.problem = problem;
        }

        /** The key relative to the record that threw, possibly dotted ({@code steps[1].threshold}). */
        public String key() {
            return key;
        }

        public String problem() {
            return problem;
        }
    }
}
