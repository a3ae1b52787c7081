package dev.cutover.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * CloudWatch's Smithy RPC v2 CBOR bodies for WireMock, built and read with the SDK's own shaded
 * Jackson CBOR classes. Timestamps are CBOR tag 1 around epoch seconds.
 */
public final class Cbor {
    private static final CBORFactory FACTORY = new CBORFactory();

    /** One MetricDataResult. */
    public record Result(String id, List<Instant> timestamps, List<Double> values, String statusCode) {}

    private Cbor() {}

    /** A GetMetricData response body with {@code results}. */
    public static byte[] getMetricData(List<Result> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (Result r : results) {
                g.writeStartObject();
                g.writeStringField("Id", r.id());
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                for (Instant t : r.timestamps()) {
                    g.writeTag(1);
                    g.writeNumber(t.getEpochSecond());
                }
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                for (double v : r.values()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", r.statusCode());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An error body: {@code __type} and {@code message}. */
    public static byte[] error(String type, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", type);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every string value of field {@code name} anywhere in a CBOR body (e.g. each query's Id). */
    public static List<String> strings(byte[] body, String name) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && name.equals(p.currentName())) {
                    if (p.nextToken() == JsonToken.VALUE_STRING) {
                        out.add(p.getText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
