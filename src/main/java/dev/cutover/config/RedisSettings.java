package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code redis:} section.
 *
 * @param url {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS; null or
 *     empty means the in-process store, for a single instance only. A password with URL-special
 *     characters is percent-encoded. In cluster mode the host is the seed node (ElastiCache's
 *     configuration endpoint); the client discovers the other nodes from it.
 * @param mode {@code standalone} (default: one server, or a primary with replicas behind one
 *     endpoint) or {@code cluster} (Redis Cluster: ElastiCache with cluster mode enabled, and
 *     ElastiCache Serverless)
 * @param caFile a PEM file of the certificate authorities a {@code rediss://} server's certificate
 *     must chain to, instead of the JVM's trust store (which already trusts ElastiCache's public
 *     CAs); only with {@code rediss://}
 */
public record RedisSettings(String url, Mode mode, String caFile) {
    /** Which Redis topology the URL points at. */
    public enum Mode {
        STANDALONE,
        CLUSTER;

        @JsonValue
        String wire() {
            return name().toLowerCase();
        }
    }

    public RedisSettings {
        url = url == null || url.isBlank() ? null : url.strip();
        mode = mode == null ? Mode.STANDALONE : mode;
        caFile = caFile == null || caFile.isBlank() ? null : caFile.strip();
        URI uri = url == null ? null : parse(url);
        if (caFile != null) {
            if (uri == null || !"rediss".equals(uri.getScheme())) {
                throw ConfigException.invalid("caFile", "applies to TLS only: use a rediss:// url");
            }
            if (!Files.isReadable(Path.of(caFile))) {
                throw ConfigException.invalid(
                        "caFile", "cannot read " + caFile + " (expected a PEM file of CA certificates)");
            }
        }
        if (mode == Mode.CLUSTER
                && uri != null
                && uri.getPath() != null
                && uri.getPath().length() > 1) {
            throw ConfigException.invalid("url", "Redis Cluster has database 0 only: drop the /db part of the url");
        }
    }

    /** A standalone Redis at {@code url} (null or empty: none), trusting the JVM's CAs. */
    public RedisSettings(String url) {
        this(url, null, null);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("url", "expected redis://host:port (percent-encode special characters)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ConfigException.invalid("url", "expected redis://host:port or rediss://host:port");
        }
        return uri;
    }

    /** True when a Redis server is configured. */
    public boolean enabled() {
        return url != null;
    }

    /** True when the cluster client is to be used. */
    public boolean cluster() {
        return mode == Mode.CLUSTER;
    }

    /** The URL with any password masked, for messages and logs. */
    public String displayUrl() {
        return url == null ? "(in-process)" : url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + displayUrl() + ", mode=" + mode.wire() + ", caFile=" + caFile + "]";
    }
}
