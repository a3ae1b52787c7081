package dev.cutover.aws;

import dev.cutover.config.AwsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The one place that builds AWS SDK clients from {@link AwsSettings}: region, credentials, endpoint
 * override, HTTP client and retry strategy are set the same way for every service.
 *
 * <p>Credentials: the default provider chain, or, when {@code roleArn} is set, an STS
 * AssumeRole provider (fed by the default chain) that refreshes itself. Retries: the SDK's standard strategy (exponential
 * backoff with jitter; throttling errors such as Route 53's {@code Throttling} and {@code
 * PriorRequestNotComplete} are retried with a longer base delay), never a hand-rolled loop. Clients
 * built here are closed by {@link #close()}.
 *
 * <p>To add a service, write a method like {@link #route53()} that passes the service's builder to
 * {@link #build}.
 *
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html">Retry behavior</a>
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html">Default credentials provider chain</a>
 */
public final class AwsClients implements AutoCloseable {
    /** Attempts per call (first try included); the standard mode's default is 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    private static final String ROLE_SESSION_NAME = "cutover-bot";

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private final RetryStrategy retryStrategy;
    private final List<SdkAutoCloseable> owned = new ArrayList<>();
    private final List<MetricPublisher> publishers;

    private AwsClients(AwsSettings settings, AwsCredentialsProvider base, RetryStrategy retryStrategy) {
        this(settings, base, retryStrategy, List.of());
    }

    private AwsClients(
            AwsSettings settings,
            AwsCredentialsProvider base,
            RetryStrategy retryStrategy,
            List<MetricPublisher> publishers) {
        this.publishers = List.copyOf(publishers);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retryStrategy = Objects.requireNonNull(retryStrategy, "retryStrategy");
        this.credentials = settings.roleArn() == null ? base : assumeRole(base);
    }

    /**
     * Clients for production: default credentials (or the assumed {@code roleArn}) and the standard
     * retry strategy with {@value #DEFAULT_MAX_ATTEMPTS} attempts.
     */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(
                settings, DefaultCredentialsProvider.builder().build(), standardRetries(DEFAULT_MAX_ATTEMPTS));
    }

    /**
     * Clients for production whose every call is also reported to {@code metrics} (the SDK's
     * per-call metrics: service, operation, success, duration, attempts and their error types).
     */
    public static AwsClients create(AwsSettings settings, MetricPublisher metrics) {
        return new AwsClients(
                settings,
                DefaultCredentialsProvider.builder().build(),
                standardRetries(DEFAULT_MAX_ATTEMPTS),
                List.of(metrics));
    }

    /**
     * Clients with explicit credentials and retry strategy, for tests (static fake keys, a strategy
     * with a known number of attempts and short delays).
     *
     * @param credentials the credentials to call AWS with, or, when {@code roleArn} is set, to
     *     assume the role with
     */
    public static AwsClients create(
            AwsSettings settings, AwsCredentialsProvider credentials, RetryStrategy retryStrategy) {
        return new AwsClients(settings, Objects.requireNonNull(credentials, "credentials"), retryStrategy);
    }

    /** Like {@link #create(AwsSettings, AwsCredentialsProvider, RetryStrategy)}, every call also reported to {@code metrics}. */
    public static AwsClients create(
            AwsSettings settings,
            AwsCredentialsProvider credentials,
            RetryStrategy retryStrategy,
            MetricPublisher metrics) {
        return new AwsClients(
                settings, Objects.requireNonNull(credentials, "credentials"), retryStrategy, List.of(metrics));
    }

    /** The SDK's standard retry strategy (with the AWS retry conditions) and {@code maxAttempts}. */
    public static RetryStrategy standardRetries(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .build();
    }

    /**
     * A Route 53 client. Route 53 is global: its region is {@code aws-global}, which its endpoint
     * rules sign as us-east-1.
     */
    public Route53Client route53() {
        return build(Route53Client.builder(), Region.AWS_GLOBAL);
    }

    /** An SQS client (AWS JSON 1.0) in {@link #region()}. */
    public SqsClient sqs() {
        return build(SqsClient.builder(), region());
    }

    /** A CloudWatch client (Smithy RPC v2 CBOR since SDK 2.40.7) in {@link #region()}. */
    public CloudWatchClient cloudWatch() {
        return build(CloudWatchClient.builder(), region());
    }

    /** An ECS client (AWS JSON 1.1) in {@link #region()}. */
    public EcsClient ecs() {
        return build(EcsClient.builder(), region());
    }

    /** An Application Auto Scaling client (AWS JSON 1.1) in {@link #region()}. */
    public ApplicationAutoScalingClient applicationAutoScaling() {
        return build(ApplicationAutoScalingClient.builder(), region());
    }

    /** An Elastic Load Balancing v2 client (AWS Query protocol, XML responses) in {@link #region()}: weighted shifts. */
    public ElasticLoadBalancingV2Client elasticLoadBalancingV2() {
        return build(ElasticLoadBalancingV2Client.builder(), region());
    }

    /** A Step Functions client for {@link #region()}: StartExecution, DescribeExecution, StopExecution (jobs). */
    public SfnClient sfn() {
        return build(SfnClient.builder(), region());
    }

    /**
     * The client {@code build} returns (e.g. {@code clients::sqs}), built on the first {@code get()}
     * and the same one after: for services a deployment may never call, whose client would load its
     * whole model (hundreds of classes) at start-up. Closed with the others once built.
     */
    public <C extends SdkAutoCloseable> Supplier<C> lazily(Supplier<C> build) {
        return new Supplier<>() {
            private C client;

            @Override
            public synchronized C get() {
                if (client == null) {
                    client = build.get();
                }
                return client;
            }
        };
    }

    /** The region regional services use. */
    public Region region() {
        return Region.of(settings.region());
    }

    /**
     * Applies the shared settings to any synchronous AWS client builder and builds the client.
     *
     * @param region the signing region: {@link #region()} for regional services, {@code
     *     aws-global} for global ones
     */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, Region region) {
        return build(builder, region, credentials);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, Region region, AwsCredentialsProvider credentialsProvider) {
        builder.region(region)
                .credentialsProvider(credentialsProvider)
                // Explicit: apache5-client also comes in transitively, and the SDK would pick by priority
                // and log a warning on every client it builds.
                .httpClientBuilder(ApacheHttpClient.builder())
                // A copy per client: the retry token bucket is per service, so a throttled CloudWatch
                // cannot use up Route 53's retries.
                .overrideConfiguration(o -> {
                    o.retryStrategy(retryStrategy.toBuilder().build());
                    publishers.forEach(o::addMetricPublisher);
                });
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        C client = builder.build();
        synchronized (owned) {
            owned.add(client);
        }
        return client;
    }

    private AwsCredentialsProvider assumeRole(AwsCredentialsProvider base) {
        // STS is regional; the provider calls AssumeRole again before the session expires.
        StsClient sts = build(StsClient.builder(), region(), base);
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName(ROLE_SESSION_NAME))
                .build();
        owned.add(assumed);
        return assumed;
    }

    /** Closes every client built here (and the STS credentials provider, if any). */
    @Override
    public void close() {
        synchronized (owned) {
            owned.forEach(SdkAutoCloseable::close);
            owned.clear();
        }
    }
}
