package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.dns.SwapException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/** Without credentials nothing is sent; the user gets one sentence saying how to provide them. */
class Route53NoCredentialsTest {
    @Test
    void missingCredentialsAreNamedPlainly() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                    + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...])");
        };
        try (Route53Client client = Route53Client.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(none)
                .build()) {
            assertThatThrownBy(() -> new Route53DnsRecords(client).read("Z0000000000000000001", "blue.example.com."))
                    .isInstanceOf(SwapException.class)
                    .hasMessageContaining("no AWS credentials found")
                    .hasMessageContaining("nothing was sent to Route 53")
                    .hasMessageNotContaining("AwsCredentialsProviderChain");
        }
    }
}
