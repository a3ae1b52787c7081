package dev.cutover.core.dns;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Route 53 resource record set, kept exactly as read so a DELETE can repeat every value.
 *
 * @param name the record name, lower-case with a trailing dot ({@code blue.example.com.})
 * @param type {@code A}, {@code AAAA} or {@code CNAME}
 * @param ttl the TTL in seconds for a plain record; null for an alias record, which has none
 * @param values the record values of a plain record; empty for an alias record
 * @param alias the alias target, or null for a plain record
 * @param setIdentifier the routing policy's set identifier, or null
 * @param weight the weighted routing weight, or null
 * @param healthCheckId the health check Route 53 associates with the record, or null
 * @param routing the routing policy when it is not simple routing, for people (e.g. {@code latency
 *     routing (region us-east-1)}, {@code multivalue answer routing}); null for simple routing
 */
public record RecordSet(
        String name,
        String type,
        @Nullable Long ttl,
        List<String> values,
        @Nullable AliasTarget alias,
        @Nullable String setIdentifier,
        @Nullable Long weight,
        @Nullable String healthCheckId,
        @Nullable String routing) {

    public RecordSet {
        name = normalizeName(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(type, "type");
        values = values == null ? List.of() : List.copyOf(values);
        if (alias == null && values.isEmpty()) {
            throw new IllegalArgumentException(
                    "record " + name + " " + type + " has neither values nor an alias target");
        }
        if (alias != null && (ttl != null || !values.isEmpty())) {
            throw new IllegalArgumentException("alias record " + name + " cannot carry a TTL or values");
        }
    }

    /** An alias record. */
    public static RecordSet alias(String name, String type, AliasTarget target) {
        return new RecordSet(name, type, null, List.of(), target, null, null, null, null);
    }

    /** A plain record with a TTL in seconds. */
    public static RecordSet plain(String name, String type, long ttlSeconds, List<String> values) {
        return new RecordSet(name, type, ttlSeconds, values, null, null, null, null, null);
    }

    /** True for an alias record. */
    public boolean isAlias() {
        return alias != null;
    }

    /** What the record points at, for people: the alias DNS name or the values. */
    public String target() {
        return isAlias() ? alias.displayName() : String.join(", ", values);
    }

    /** This record with health check {@code id} (null: none). */
    public RecordSet withHealthCheck(@Nullable String id) {
        return new RecordSet(name, type, ttl, values, alias, setIdentifier, weight, id, routing);
    }

    /**
     * The same target under another name: type, TTL, values, alias target (zone, DNS name,
     * EvaluateTargetHealth) and the health check, which watches this target, all go with it; the
     * routing fields are that name's.
     */
    public RecordSet movedTo(String newName, @Nullable String newSetIdentifier, @Nullable Long newWeight) {
        return new RecordSet(newName, type, ttl, values, alias, newSetIdentifier, newWeight, healthCheckId, routing);
    }

    /**
     * Lower-cases a record name, adds the trailing dot and decodes Route 53's {@code \052} for
     * {@code *}, the form names are compared in.
     */
    public static String normalizeName(String name) {
        String n = name.strip().toLowerCase().replace("\\052", "*");
        return n.endsWith(".") ? n : n + ".";
    }
}
