package dev.cutover.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsTestClients;
import dev.cutover.aws.Route53DnsRecordsIT;
import dev.cutover.testing.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AWS calls measured through the SDK's own metrics, with the real Route 53 client against WireMock
 * speaking REST-XML: a throttled attempt that the retry then gets through counts as one ok call and
 * one throttle; a call throttled on every attempt as one failed call.
 */
class AwsCallMetricsIT {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private static final String CHANGE = "/2013-04-01/change/C0123456789ABCDEFGHIJ";

    @Test
    void callsOutcomesRetriesAndThrottlesAreCounted() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (AwsClients clients = AwsTestClients.at(wm.getPort(), 3, new AwsCallMetrics(registry))) {
            wm.stubFor(get(urlPathEqualTo(CHANGE))
                    .inScenario("throttle")
                    .whenScenarioStateIs(STARTED)
                    .willReturn(xml(400, "error-throttling.xml"))
                    .willSetStateTo("ok"));
            wm.stubFor(get(urlPathEqualTo(CHANGE))
                    .inScenario("throttle")
                    .whenScenarioStateIs("ok")
                    .willReturn(xml(200, "get-change-insync.xml")));
            clients.route53().getChange(r -> r.id("C0123456789ABCDEFGHIJ"));

            PrometheusText once = PrometheusText.parse(registry.scrape());
            Map<String, String> getChange = Map.of("service", "Route 53", "operation", "GetChange");
            assertThat(once.sum(
                            "cutover_aws_calls_total",
                            Map.of("service", "Route 53", "operation", "GetChange", "outcome", "ok")))
                    .isEqualTo(1.0);
            assertThat(once.sum("cutover_aws_throttles_total", getChange)).isEqualTo(1.0);
            assertThat(once.sum("cutover_aws_retries_total", getChange)).isEqualTo(1.0);

            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo(CHANGE)).willReturn(xml(400, "error-throttling.xml")));
            assertThatThrownBy(() -> clients.route53().getChange(r -> r.id("C0123456789ABCDEFGHIJ")));

            PrometheusText twice = PrometheusText.parse(registry.scrape());
            assertThat(twice.sum(
                            "cutover_aws_calls_total",
                            Map.of("service", "Route 53", "operation", "GetChange", "outcome", "failed")))
                    .isEqualTo(1.0);
            assertThat(twice.sum("cutover_aws_throttles_total", getChange)).isEqualTo(4.0);
        }
    }

    private static ResponseDefinitionBuilder xml(int status, String fixture) {
        return Route53DnsRecordsIT.xml(status, fixture);
    }
}
