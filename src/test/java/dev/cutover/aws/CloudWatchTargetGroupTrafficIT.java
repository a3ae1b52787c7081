package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.alert.TargetGroupTrafficContract;
import dev.cutover.core.alert.Traffic;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CloudWatchTargetGroupTraffic} through the real CloudWatch client (Smithy RPC v2 CBOR)
 * against WireMock answering GetMetricData; the wire details are in {@link CloudWatchMetricReaderIT}.
 */
class CloudWatchTargetGroupTrafficIT extends TargetGroupTrafficContract {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    AwsClients clients;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 1);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Override
    protected TargetGroupTraffic withTraffic(String loadBalancer, String targetGroup, Traffic t) {
        // The adapter's queries in order: m0 5XX count, m1 request count, m2 p95. The counts are split
        // over two minutes to show they are summed; the newer p95 wins.
        var t1 = NOW.minusSeconds(120);
        var t2 = NOW.minusSeconds(60);
        stub(List.of(
                new Cbor.Result("m0", List.of(t2, t1), List.of(t.errors() - 1, 1.0), "Complete"),
                new Cbor.Result("m1", List.of(t2, t1), List.of(t.requests() - 50, 50.0), "Complete"),
                new Cbor.Result(
                        "m2", List.of(t1, t2), List.of(9.9, t.p95Seconds().orElseThrow()), "Complete")));
        return new CloudWatchTargetGroupTraffic(new CloudWatchMetricReader(clients.cloudWatch()));
    }

    @Override
    protected TargetGroupTraffic withoutTraffic() {
        stub(List.of());
        return new CloudWatchTargetGroupTraffic(new CloudWatchMetricReader(clients.cloudWatch()));
    }

    private static void stub(List<Cbor.Result> results) {
        wm.stubFor(post(urlPathEqualTo(CloudWatchMetricReaderIT.PATH))
                .willReturn(CloudWatchMetricReaderIT.cbor(Cbor.getMetricData(results))));
    }
}
