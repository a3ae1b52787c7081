package dev.cutover.testing;

import static org.awaitility.Awaitility.await;

import dev.cutover.config.RedisSettings;
import dev.cutover.redis.RedisConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real three-node Redis Cluster (three primaries, no replicas) on free loopback ports, started
 * once per test JVM by the first test that asks for it and killed when the JVM exits: {@code
 * redis-server --cluster-enabled yes} per node, then {@code redis-cli --cluster create}, ready when
 * every node reports {@code cluster_state:ok}. About a second to start.
 */
public final class RedisClusterServers {
    private static final int NODES = 3;
    private static RedisClusterServers shared;

    private final List<Integer> ports = new ArrayList<>();
    private UnifiedJedis client;
    private UnifiedJedis secondClient;

    private RedisClusterServers() {
        for (int i = 0; i < NODES; i++) {
            int port = RedisProcesses.freePort();
            int busPort = RedisProcesses.freePort();
            Path dir = RedisProcesses.tempDir("redis-cluster-node");
            RedisProcesses.start(
                    dir,
                    List.of(
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            // The bus port is chosen too: port + 10000 may be past 65535 or taken.
                            "--cluster-port",
                            Integer.toString(busPort),
                            "--cluster-config-file",
                            dir.resolve("nodes.conf").toString(),
                            "--cluster-node-timeout",
                            "5000"));
            ports.add(port);
        }
        ports.forEach(port -> await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> "PONG".equals(ask(port, Jedis::ping))));
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        RedisProcesses.run(create);
        ports.forEach(port -> await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> ask(port, Jedis::clusterInfo).contains("cluster_state:ok")));
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized RedisClusterServers shared() {
        if (shared == null) {
            shared = new RedisClusterServers();
        }
        return shared;
    }

    /** Cluster-mode settings with the first node as the seed. */
    public RedisSettings settings() {
        return new RedisSettings("redis://127.0.0.1:" + ports.get(0), RedisSettings.Mode.CLUSTER, null);
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

    /** A plain connection to one node, for assertions and admin commands; the caller closes it. */
    public Jedis node(int port) {
        return new Jedis("127.0.0.1", port);
    }

    /** Runs {@code SCRIPT FLUSH} on every node: each node's script cache is empty afterwards. */
    public void flushScripts() {
        ports.forEach(port -> ask(port, Jedis::scriptFlush));
    }

    private <T> T ask(int port, Function<Jedis, T> command) {
        try (Jedis j = node(port)) {
            return command.apply(j);
        }
    }
}
