package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class LazyClientsTest {
    private final AtomicInteger builds = new AtomicInteger();

    private SqsClient build() {
        builds.incrementAndGet();
        return SqsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    @Test
    void theClientIsBuiltOnTheFirstCallOnly() {
        SqsClient lazy = LazyClients.of(SqsClient.class, this::build);
        assertThat(lazy.toString()).contains("not built");
        assertThat(builds).hasValue(0);

        assertThat(lazy.serviceName()).isEqualTo("sqs");
        assertThat(lazy.serviceName()).isEqualTo("sqs");
        assertThat(builds).hasValue(1);
        lazy.close();
    }

    @Test
    void closingAClientNeverCalledBuildsNothing() {
        SqsClient lazy = LazyClients.of(SqsClient.class, this::build);
        lazy.close();
        assertThat(builds).hasValue(0);
        assertThat(lazy).isEqualTo(lazy).isNotEqualTo(LazyClients.of(SqsClient.class, this::build));
    }
}
