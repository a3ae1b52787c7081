package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import dev.cutover.config.RedisSettings;
import dev.cutover.redis.RedisConnections;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * A redis-server that speaks TLS only ({@code --port 0 --tls-port P}) and requires a password, the
 * way ElastiCache runs with in-transit encryption and AUTH: the default user's password is {@link
 * #PASSWORD}, and an ACL user {@link #USER} has {@link #USER_PASSWORD}. Its certificate is signed
 * by a CA made at test time ({@link TestCertificates}) for {@code localhost} only, so a client that
 * connects by IP address must fail host name verification. Started once per test JVM.
 */
public final class TlsRedisServer {
    /** The default user's password: characters that must be percent-encoded in a URL. */
    public static final String PASSWORD = "s3cret/p@ss:w#rd%";
    /** An ACL user, as ElastiCache RBAC has. */
    public static final String USER = "cutover";
    /** That user's password. */
    public static final String USER_PASSWORD = "s3cret-user-pw";

    private static TlsRedisServer shared;

    private final int port;
    private final TestCertificates certificates;
    private UnifiedJedis client;

    private TlsRedisServer() {
        certificates = TestCertificates.generate(List.of("localhost"), List.of());
        port = RedisProcesses.freePort();
        RedisProcesses.start(
                RedisProcesses.tempDir("redis-tls-server"),
                with(
                        certificates.tlsOnlyServerArgs(port),
                        "--bind",
                        "127.0.0.1",
                        "-::1",
                        "--requirepass",
                        PASSWORD,
                        "--user",
                        USER,
                        "on",
                        ">" + USER_PASSWORD,
                        "~*",
                        "&*",
                        "+@all"));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "PONG".equals(client().ping()));
    }

    private static List<String> with(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized TlsRedisServer shared() {
        if (shared == null) {
            shared = new TlsRedisServer();
        }
        return shared;
    }

    /** {@code rediss://<userInfo>@localhost:<port>}. */
    public String url(String userInfo) {
        return "rediss://" + userInfo + "@localhost:" + port;
    }

    /** The default user's credentials as a URL's user info ({@code :password}, percent-encoded). */
    public static String defaultUser() {
        return ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    }

    /** Settings for {@code url(userInfo)} trusting the test CA. */
    public RedisSettings settings(String userInfo) {
        return new RedisSettings(url(userInfo), RedisSettings.Mode.STANDALONE, caFile().toString());
    }

    /** The test CA's certificate (PEM). */
    public Path caFile() {
        return certificates.caFile();
    }

    /** The shared client, as the default user with the test CA (2 s timeouts). */
    public synchronized UnifiedJedis client() {
        if (client == null) {
            client = RedisConnections.open(settings(defaultUser()), Duration.ofSeconds(2), Duration.ofSeconds(2), 8);
        }
        return client;
    }
}
