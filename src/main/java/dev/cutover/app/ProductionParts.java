package dev.cutover.app;

import dev.cutover.aws.AlbWeightedTraffic;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.home.HomeViewers;
import dev.cutover.core.home.PublishBudget;
import dev.cutover.core.traffic.ForwardRules;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryHomeViewers;
import dev.cutover.memory.InMemoryPublishBudget;
import dev.cutover.ops.AwsCallMetrics;
import dev.cutover.ops.BotMetrics;
import dev.cutover.ops.SlackCallMetrics;
import dev.cutover.redis.RedisApprovalStore;
import dev.cutover.redis.RedisAuditLog;
import dev.cutover.redis.RedisConnections;
import dev.cutover.redis.RedisHomeViewers;
import dev.cutover.redis.RedisPublishBudget;
import dev.cutover.redis.RedisStoreTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Builds the {@link BotPorts} of a real deployment over Route 53, Redis (or in-process stores for
 * one instance) and Slack's Web API, and owns the clients behind them.
 */
public final class ProductionParts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProductionParts.class);

    /** How long an apply waits for INSYNC; Route 53 normally needs about 60 s. */
    public static final Duration INSYNC_TIMEOUT = Duration.ofMinutes(5);

    private final AwsClients aws;
    private final Optional<UnifiedJedis> redis;
    private final SlackWiring slack;
    private final AsyncBuiltDnsRecords dns;
    private final BotPorts ports;

    /** Connects nothing yet: the clients connect on first use. */
    public ProductionParts(CutoverConfig config) {
        this(config, BotMetrics.none().registry());
    }

    /**
     * Connects nothing yet: the clients connect on first use. Every AWS and Slack Web API call is
     * measured into {@code metrics}.
     */
    public ProductionParts(CutoverConfig config, MeterRegistry metrics) {
        Clock clock = Clock.systemUTC();
        this.aws = AwsClients.create(config.aws(), new AwsCallMetrics(metrics));
        this.redis = config.redis().enabled() ? Optional.of(RedisConnections.open(config.redis())) : Optional.empty();
        this.slack = new SlackWiring(
                config.slack().apiBaseUrl(),
                Objects.requireNonNullElse(config.slack().botToken(), ""),
                Objects.requireNonNullElse(config.slack().signingSecret(), ""),
                clock,
                Duration.ofMillis(1500),
                config.slack().responseWorkers());
        slack.listen(new SlackCallMetrics(metrics));
        slack.measure(metrics);
        if (redis.isEmpty()) {
            log.warn("No redis.url configured: requests and the audit trail are kept in this process only. "
                    + "Use this for a single instance only; a restart loses pending requests.");
        }
        ApprovalStore store = redis.<ApprovalStore>map(RedisApprovalStore::new).orElseGet(InMemoryApprovalStore::new);
        AuditLog audit = redis.<AuditLog>map(RedisAuditLog::new).orElseGet(InMemoryAuditLog::new);
        JobTargets targets = JobTargets.aws(aws::ecs, aws::sfn);
        this.dns = new AsyncBuiltDnsRecords(() -> new Route53DnsRecords(aws.route53()));
        this.ports = new BotPorts(
                config,
                clock,
                dns,
                store,
                audit,
                slack.notifier(),
                slack.directory(),
                redis.map(r -> JobWiring.onRedis(config, r, "cutover:", targets))
                        .orElseGet(() -> JobWiring.inProcess(config, clock, targets)),
                // Built on first use: with no queues or services watched, most are never called.
                Optional.of(AlertWiring.aws(
                        aws.lazily(aws::sqs),
                        aws.lazily(aws::cloudWatch),
                        aws.lazily(aws::ecs),
                        aws.lazily(aws::applicationAutoScaling),
                        redis.map(AlertWiring::redisStores).orElseGet(AlertWiring::inMemoryStores),
                        clock)),
                INSYNC_TIMEOUT,
                Optional.of(forwardRules(aws.lazily(aws::elasticLoadBalancingV2))),
                Optional.of(new HomePorts(
                        slack.home(),
                        redis.<HomeViewers>map(r -> new RedisHomeViewers(r, "cutover:"))
                                .orElseGet(InMemoryHomeViewers::new),
                        redis.<PublishBudget>map(r -> new RedisPublishBudget(r, "cutover:"))
                                .orElseGet(InMemoryPublishBudget::new),
                        HomePorts.DEFAULT_INTERVAL)));
    }

    /** alb-weighted shifts over one ELBv2 client, built on first use. */
    private static ForwardRules forwardRules(Supplier<ElasticLoadBalancingV2Client> elb) {
        return (listener, rule, blue, green) -> new AlbWeightedTraffic(elb.get(), listener, rule, blue, green);
    }

    /** The ports the bot is built from. */
    public BotPorts ports() {
        return ports;
    }

    /**
     * Adds the shared Redis's readiness checks to {@code ops} (PING, and its TIME against our clock);
     * nothing without Redis.
     */
    void readiness(OpsWiring ops) {
        redis.ifPresent(r -> ops.redis(
                () -> OpsWiring.problemOf(r::ping, "no answer to PING"), new RedisStoreTime(r), Clock.systemUTC()));
    }

    /** The Slack side: the Web API behind the notifier and directory, and the Bolt app. */
    public SlackWiring slack() {
        return slack;
    }

    @Override
    public void close() {
        slack.close();
        dns.awaitBuilt();
        aws.close();
        redis.ifPresent(UnifiedJedis::close);
    }
}
