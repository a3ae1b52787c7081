package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.config.AwsSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AwsClients: endpoint override, signing region and STS AssumeRole, against WireMock. */
class AwsClientsIT {
    static final String ROLE = "arn:aws:iam::123456789012:role/cutover";
    static final String ASSUME_ROLE_RESPONSE =
            """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>ASIAASSUMEDROLETEST</AccessKeyId>
                  <SecretAccessKey>assumed-secret</SecretAccessKey>
                  <SessionToken>assumed-session-token</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROA0000000000000001:cutover-bot</AssumedRoleId>
                  <Arn>arn:aws:sts::123456789012:assumed-role/cutover/cutover-bot</Arn>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000010</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @Test
    void withARoleRoute53IsCalledWithTheAssumedCredentialsSignedForRoute53() {
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(ASSUME_ROLE_RESPONSE)));
        wm.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1/rrset"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/xml")
                        .withBody(Route53DnsRecordsIT.fixture("list-resource-record-sets-alias-pair.xml"))));
        AwsSettings settings = new AwsSettings("eu-west-1", URI.create("http://127.0.0.1:" + wm.getPort()), ROLE);
        var base = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASETEST", "base-secret"));

        try (AwsClients clients = AwsClients.create(settings, base, Route53DnsRecordsIT.fastRetries(1))) {
            assertThat(new Route53DnsRecords(clients.route53()).read("Z1", "blue.example.com."))
                    .hasSize(1);
        }

        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fcutover"))
                .withRequestBody(containing("RoleSessionName=cutover-bot"))
                .withHeader("Authorization", containing("Credential=AKIDBASETEST/"))
                .withHeader("Authorization", containing("/eu-west-1/sts/aws4_request")));
        wm.verify(getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzone/Z1/rrset"))
                .withHeader("Authorization", containing("Credential=ASIAASSUMEDROLETEST/"))
                // With an endpoint override the SDK signs for the configured region itself, aws-global;
                // without one, Route 53's endpoint rules sign for us-east-1.
                .withHeader("Authorization", containing("/aws-global/route53/aws4_request"))
                .withHeader("X-Amz-Security-Token", equalTo("assumed-session-token")));
    }
}
