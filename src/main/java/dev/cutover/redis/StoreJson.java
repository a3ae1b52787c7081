package dev.cutover.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the values kept in Redis (requests, freezes, applied swaps, audit details).
 *
 * <p>Records are written by their components only: getter and is-getter detection is off, so
 * helper methods such as {@code RecordSet.isAlias()} or {@code SwapPlan.blueAfter()} never leak
 * into the stored form, and reading goes through the canonical constructor, which re-validates.
 * Instants are ISO-8601 strings ({@code 2025-01-01T10:00:00Z}).
 */
public final class StoreJson {
    private static final ObjectMapper MAPPER = newMapper();

    private StoreJson() {}

    /** A new mapper with this configuration, for callers that need their own (e.g. a reader type). */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer replica may add fields during a rolling deploy; older ones must still read.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                // Record components are private final fields; field access sees exactly them.
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
    }

    /**
     * The JSON text of {@code value}.
     *
     * @throws IllegalStateException when the value cannot be written (a programming error)
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The value of {@code type} read from {@code json}.
     *
     * @throws IllegalStateException when the stored text is not a valid {@code type}
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Only the location, never the stored text: it may hold user-typed reasons.
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
