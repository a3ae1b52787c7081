package dev.cutover.app;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.redis.RedisApprovalStore;
import dev.cutover.redis.RedisAuditLog;
import dev.cutover.redis.RedisConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/** Builds the {@link Bot.Parts} of a real deployment: Route 53, Redis (or in-process) and Slack. */
public final class ProductionParts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProductionParts.class);

    /** How long an apply waits for INSYNC; Route 53 normally needs about 60 s. */
    public static final Duration INSYNC_TIMEOUT = Duration.ofMinutes(5);

    private final AwsClients aws;
    private final UnifiedJedis redis;
    private final AsyncBuiltDnsRecords dns;
    private final Bot.Parts parts;

    /** Connects nothing yet: the clients connect on first use. */
    public ProductionParts(CutoverConfig config) {
        this.aws = AwsClients.create(config.aws());
        this.redis = config.redis().enabled() ? RedisConnections.open(config.redis()) : null;
        ApprovalStore store;
        AuditLog audit;
        if (redis != null) {
            store = new RedisApprovalStore(redis);
            audit = new RedisAuditLog(redis);
        } else {
            log.warn("No redis.url configured: requests and the audit trail are kept in this process only. "
                    + "Use this for a single instance only; a restart loses pending requests.");
            store = new InMemoryApprovalStore();
            audit = new InMemoryAuditLog();
        }
        JobTargets targets = JobTargets.aws(aws::ecs, aws::sfn);
        this.dns = new AsyncBuiltDnsRecords(() -> new Route53DnsRecords(aws.route53()));
        this.parts = new Bot.Parts(
                config,
                Clock.systemUTC(),
                dns,
                store,
                audit,
                slack(config.slack().apiBaseUrl()),
                config.slack().signingSecret(),
                INSYNC_TIMEOUT,
                Duration.ofMillis(1500),
                redis != null
                        ? JobWiring.onRedis(config, redis, "cutover:", targets)
                        : JobWiring.inProcess(config, Clock.systemUTC(), targets),
                // Built on first use: with no queues or services watched, most are never called.
                Optional.of(AlertWiring.aws(
                        aws.lazily(aws::sqs),
                        aws.lazily(aws::cloudWatch),
                        aws.lazily(aws::ecs),
                        aws.lazily(aws::applicationAutoScaling),
                        redis != null ? AlertWiring.redisStores(redis) : AlertWiring.inMemoryStores(),
                        Clock.systemUTC())));
    }

    /** A Slack SDK instance calling the Web API at {@code apiBaseUrl} (ends with {@code /}). */
    public static Slack slack(String apiBaseUrl) {
        SlackConfig c = new SlackConfig();
        c.setMethodsEndpointUrlPrefix(apiBaseUrl);
        c.setStatsEnabled(false);
        return Slack.getInstance(c);
    }

    /** The parts. */
    public Bot.Parts parts() {
        return parts;
    }

    @Override
    public void close() {
        dns.awaitBuilt();
        aws.close();
        if (redis != null) {
            redis.close();
        }
    }
}
