package dev.cutover.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * WireMock as the Slack Web API (and response_url), Route 53 and CloudWatch, in their wire formats:
 * form/JSON for Slack, XML for Route 53, Smithy RPC v2 CBOR for CloudWatch GetMetricData (every
 * query answered with one datapoint). The request journal is off so a long load run does not grow
 * the heap; CloudWatch calls are counted here instead.
 */
final class FakeCloud implements AutoCloseable {
    static final String ZONE = "Z0000000000000000001";
    static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
    static final String GET_METRIC_DATA = "/service/GraniteServiceVersion20100801/operation/GetMetricData";
    private static final CBORFactory CBOR = new CBORFactory();

    final AtomicInteger getMetricDataCalls = new AtomicInteger();
    /** POSTs to response_urls: how the suite checks that follow-ups did answer. */
    final AtomicInteger responses = new AtomicInteger();

    private final WireMockServer wm;

    FakeCloud() {
        wm = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(80)
                .disableRequestJournal()
                .extensions(new MetricData(), new CountResponses()));
        wm.start();
        wm.stubFor(post(urlPathMatching("/api/.*"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0000000001\",\"ts\":\"1700000000.000100\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/auth.test"))
                .willReturn(okJson("{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
                        + "\"user\":\"cutover\",\"team_id\":\"T0000000001\",\"user_id\":\"U0000000BOT\","
                        + "\"bot_id\":\"B0000000001\",\"is_enterprise_install\":false}")));
        wm.stubFor(post(urlPathMatching("/response/.*"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        wm.stubFor(get(urlPathEqualTo(RRSET))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-00000000000f")
                        .withBody(aliasPair())));
        wm.stubFor(post(urlPathEqualTo(GET_METRIC_DATA))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/cbor")
                        .withHeader("smithy-protocol", "rpc-v2-cbor")
                        .withTransformers("metric-data")));
    }

    /** The base URL, no trailing slash. */
    String base() {
        return wm.baseUrl();
    }

    @Override
    public void close() {
        wm.stop();
    }

    private final class CountResponses implements ServeEventListener {
        @Override
        public String getName() {
            return "count-responses";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (event.getRequest().getUrl().startsWith("/response/")) {
                responses.incrementAndGet();
            }
        }
    }

    private final class MetricData implements ResponseTransformerV2 {
        @Override
        public String getName() {
            return "metric-data";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            getMetricDataCalls.incrementAndGet();
            List<String> ids = ids(event.getRequest().getBody());
            return Response.Builder.like(response).but().body(answer(ids)).build();
        }
    }

    private static List<String> ids(byte[] body) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = CBOR.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME
                        && "Id".equals(p.currentName())
                        && p.nextToken() == JsonToken.VALUE_STRING) {
                    out.add(p.getText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] answer(List<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long now = System.currentTimeMillis() / 1000 / 60 * 60;
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (String id : ids) {
                g.writeStartObject();
                g.writeStringField("Id", id);
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                g.writeTag(1);
                g.writeNumber(now - 60);
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                g.writeNumber(3.0);
                g.writeEndArray();
                g.writeStringField("StatusCode", "Complete");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String aliasPair() {
        String record =
                """
                    <ResourceRecordSet>
                      <Name>%s.example.com.</Name>
                      <Type>A</Type>
                      <AliasTarget>
                        <HostedZoneId>Z14GRHDCWA56QT</HostedZoneId>
                        <DNSName>dualstack.api-%s.ap-northeast-1.elb.amazonaws.com.</DNSName>
                        <EvaluateTargetHealth>false</EvaluateTargetHealth>
                      </AliasTarget>
                    </ResourceRecordSet>
                """;
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ResourceRecordSets>
                %s%s  </ResourceRecordSets>
                  <IsTruncated>false</IsTruncated>
                  <MaxItems>100</MaxItems>
                </ListResourceRecordSetsResponse>
                """
                .formatted(record.formatted("blue", "blue-1234567890"), record.formatted("green", "green-0987654321"));
    }
}
