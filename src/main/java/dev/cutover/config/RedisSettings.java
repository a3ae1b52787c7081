package dev.cutover.config;

import java.net.URI;

/**
 * The {@code redis:} section.
 *
 * @param url {@code redis://host:port[/db]} (or {@code rediss://}); null or empty means the
 *     in-process store, for a single instance only
 */
public record RedisSettings(String url) {
    public RedisSettings {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("url", "expected redis://host:port");
            }
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ConfigException.invalid("url", "expected redis://host:port or rediss://host:port");
            }
        }
    }

    /** True when a Redis server is configured. */
    public boolean enabled() {
        return url != null;
    }

    /** The URL with any password masked, for messages and logs. */
    public String displayUrl() {
        return url == null ? "(in-process)" : url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + displayUrl() + "]";
    }
}
