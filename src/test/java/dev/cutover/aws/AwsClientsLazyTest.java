package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.AwsSettings;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsLazyTest {
    @Test
    void aLazyClientIsBuiltOnTheFirstGetOnlyAndThenReused() {
        AtomicInteger builds = new AtomicInteger();
        try (AwsClients clients = AwsClients.create(
                new AwsSettings("us-east-1", null, null),
                AnonymousCredentialsProvider.create(),
                AwsClients.standardRetries(1))) {
            Supplier<SqsClient> sqs = clients.lazily(() -> {
                builds.incrementAndGet();
                return clients.sqs();
            });
            assertThat(builds).hasValue(0);

            SqsClient first = sqs.get();
            assertThat(sqs.get()).isSameAs(first);
            assertThat(builds).hasValue(1);
            assertThat(first.serviceName()).isEqualTo("sqs");
        }
    }
}
