package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import dev.cutover.config.RedisSettings;
import dev.cutover.redis.RedisConnections;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real three-node Redis Cluster (three primaries, no replicas) on free loopback ports, started
 * once per test JVM by the first test that asks for it and killed when the JVM exits: {@code
 * redis-server --cluster-enabled yes} per node, then {@code redis-cli --cluster create}, ready when
 * every node reports {@code cluster_state:ok}. {@link #sharedTls()} is another one that, like
 * ElastiCache Serverless, speaks TLS only (client and cluster bus) and requires a password.
 */
public final class RedisClusterServers {
    /** The password of the TLS cluster's default user. */
    public static final String TLS_PASSWORD = "cluster-s3cret/pw";

    private static final int NODES = 3;
    private static RedisClusterServers plain;
    private static RedisClusterServers tls;

    private final TestCertificates certificates;
    private final List<Integer> ports = new ArrayList<>();
    private final Map<Integer, UnifiedJedis> nodes = new LinkedHashMap<>();
    private UnifiedJedis client;
    private UnifiedJedis secondClient;

    private RedisClusterServers(TestCertificates certificates) {
        this.certificates = certificates;
        for (int i = 0; i < NODES; i++) {
            int port = RedisProcesses.freePort();
            Path dir = RedisProcesses.tempDir("redis-cluster-node");
            List<String> args = new ArrayList<>(List.of(
                    "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes",
                    // The bus port is chosen too: port + 10000 may be past 65535 or taken.
                    "--cluster-port", Integer.toString(RedisProcesses.freePort()),
                    "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", "5000"));
            args.addAll(certificates == null ? List.of("--port", Integer.toString(port)) : tlsArgs(port));
            RedisProcesses.start(dir, args);
            ports.add(port);
        }
        ports.forEach(port -> await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> "PONG".equals(node(port).ping())));
        List<String> create = new ArrayList<>(List.of("redis-cli"));
        if (certificates != null) {
            create.addAll(List.of(
                    "--tls", "--cacert", certificates.caFile().toString(), "--no-auth-warning", "-a", TLS_PASSWORD));
        }
        create.addAll(List.of("--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        RedisProcesses.runAll(List.of(create));
        ports.forEach(port -> await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> command(port, Protocol.Command.CLUSTER, "INFO").contains("cluster_state:ok")));
    }

    private List<String> tlsArgs(int port) {
        List<String> args = new ArrayList<>(certificates.tlsOnlyServerArgs(port));
        args.addAll(List.of("--tls-cluster", "yes", "--requirepass", TLS_PASSWORD, "--masterauth", TLS_PASSWORD));
        return args;
    }

    /** The plain cluster of this JVM, started on first use. */
    public static synchronized RedisClusterServers shared() {
        if (plain == null) {
            plain = new RedisClusterServers(null);
        }
        return plain;
    }

    /**
     * The TLS cluster of this JVM, started on first use: its nodes' certificate names {@code
     * 127.0.0.1}, the address the nodes give for each other in the slot map.
     */
    public static synchronized RedisClusterServers sharedTls() {
        if (tls == null) {
            tls = new RedisClusterServers(TestCertificates.generate(List.of("localhost"), List.of("127.0.0.1")));
        }
        return tls;
    }

    /** Cluster-mode settings with the first node as the seed. */
    public RedisSettings settings() {
        return new RedisSettings(url(ports.get(0)), RedisSettings.Mode.CLUSTER, caFile());
    }

    private String url(int port) {
        return certificates == null
                ? "redis://127.0.0.1:" + port
                : "rediss://:" + URLEncoder.encode(TLS_PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + port;
    }

    private String caFile() {
        return certificates == null ? null : certificates.caFile().toString();
    }

    /** The shared cluster client (2 s timeouts), built as the bot builds it. */
    public synchronized UnifiedJedis client() {
        if (client == null) {
            client = RedisConnections.open(settings(), Duration.ofSeconds(2), Duration.ofSeconds(2), 8);
        }
        return client;
    }

    /** Another client with its own connections, as a second replica has. */
    public synchronized UnifiedJedis secondClient() {
        if (secondClient == null) {
            secondClient = RedisConnections.open(settings(), Duration.ofSeconds(2), Duration.ofSeconds(2), 8);
        }
        return secondClient;
    }

    /** The node that serves {@code slot} now, as {@code host:port}. */
    public String ownerOf(int slot) {
        try (Connection c = ((RedisClusterClient) client()).getConnectionFromSlot(slot)) {
            return c.getHostAndPort().toString();
        }
    }

    /** The nodes' client ports. */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The number of keys on the node at {@code port} ({@code DBSIZE}). */
    public long keysOn(int port) {
        return Long.parseLong(command(port, Protocol.Command.DBSIZE));
    }

    /** Runs {@code SCRIPT FLUSH} on every node: each node's script cache is empty afterwards. */
    public void flushScripts() {
        ports.forEach(port -> command(port, Protocol.Command.SCRIPT, "FLUSH"));
    }

    /** A standalone client of one node, for admin commands (kept open with the cluster). */
    private synchronized UnifiedJedis node(int port) {
        return nodes.computeIfAbsent(
                port,
                p -> RedisConnections.open(
                        new RedisSettings(url(p), RedisSettings.Mode.STANDALONE, caFile()),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2),
                        2));
    }

    private String command(int port, Protocol.Command command, String... arguments) {
        Object reply = node(port).sendCommand(command, arguments);
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
