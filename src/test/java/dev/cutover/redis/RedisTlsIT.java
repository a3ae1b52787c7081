package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.config.RedisSettings;
import dev.cutover.core.approval.StoreUnavailableException;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.testing.TlsRedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The store contracts on a Redis that speaks TLS only and requires a password (ElastiCache with
 * in-transit encryption and AUTH), through {@code rediss://user:password@host:port} as the bot
 * parses it, and the ways such a connection must fail: an unknown CA, a certificate for another
 * host name, a wrong password, plain text; none of them shows the password.
 */
class RedisTlsIT extends RedisStoreContracts {
    private static final Duration WAIT = Duration.ofMillis(500);
    private static TlsRedisServer server;
    private static UnifiedJedis redis;
    private static UnifiedJedis aclUserClient;

    @BeforeAll
    static void startServer() {
        server = TlsRedisServer.shared();
        redis = server.client();
        aclUserClient = open(server.settings(TlsRedisServer.USER + ":" + TlsRedisServer.USER_PASSWORD));
    }

    @Override
    protected UnifiedJedis redis() {
        return redis;
    }

    @Override
    protected UnifiedJedis otherReplica() {
        return aclUserClient;
    }

    @Test
    void eachClientIsAuthenticatedAsTheUserOfItsUrl() {
        assertThat(redis.sendCommand(Protocol.Command.ACL, "WHOAMI")).isEqualTo(bytes("default"));
        assertThat(aclUserClient.sendCommand(Protocol.Command.ACL, "WHOAMI")).isEqualTo(bytes(TlsRedisServer.USER));
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String wrong = "wr0ng-s3cret-pw";
        try (UnifiedJedis client = open(server.settings(":" + wrong))) {
            assertThatThrownBy(() -> new RedisApprovalStore(client).get("r1"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(
                            e -> assertThat(everything(e)).contains("WRONGPASS").doesNotContain(wrong));
            assertThatThrownBy(() -> new RedisLockProvider(client, "cutover:")
                            .tryAcquire(new LockSpec("job:auth", Duration.ofSeconds(30))))
                    .isInstanceOf(LockUnavailableException.class)
                    .satisfies(e -> assertThat(everything(e)).doesNotContain(wrong));
        }
        assertThat(server.settings(":" + wrong).toString()).doesNotContain(wrong);
        assertThat(server.settings(TlsRedisServer.defaultUser()).displayUrl())
                .isEqualTo(server.url("***"))
                .doesNotContain(TlsRedisServer.defaultUser().substring(1));
    }

    @Test
    void theJvmsTrustStoreRefusesACertificateFromAnotherCa() {
        RedisSettings jvmTrust = new RedisSettings(server.url(TlsRedisServer.defaultUser()));
        try (UnifiedJedis client = open(jvmTrust)) {
            assertThatThrownBy(() -> new RedisApprovalStore(client).get("r1"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLHandshakeException))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CertPathBuilderException));
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedEvenFromTheTrustedCa() {
        // The certificate names localhost only; 127.0.0.1 is the same server under another name.
        String byAddress = server.url(TlsRedisServer.defaultUser()).replace("@localhost:", "@127.0.0.1:");
        RedisSettings settings = new RedisSettings(
                byAddress, RedisSettings.Mode.STANDALONE, server.caFile().toString());
        try (UnifiedJedis client = open(settings)) {
            assertThatThrownBy(() -> new RedisApprovalStore(client).get("r1"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLHandshakeException))
                    .satisfies(e -> assertThat(everything(e)).contains("127.0.0.1"));
        }
    }

    @Test
    void plainTextIsRefused() {
        String plain = server.url(TlsRedisServer.defaultUser()).replace("rediss://", "redis://");
        try (UnifiedJedis client = open(new RedisSettings(plain))) {
            assertThatThrownBy(() -> new RedisApprovalStore(client).get("r1"))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void aCaFileWithoutACertificateIsAClearError(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        RedisSettings settings = new RedisSettings(
                server.url(TlsRedisServer.defaultUser()), RedisSettings.Mode.STANDALONE, notPem.toString());
        assertThatThrownBy(() -> open(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis.caFile " + notPem);
    }

    private static UnifiedJedis open(RedisSettings settings) {
        return RedisConnections.open(settings, WAIT, WAIT, 2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    /** The exception as a log would show it: every message and stack frame of it and its causes. */
    private static String everything(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
