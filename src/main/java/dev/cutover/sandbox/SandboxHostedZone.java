package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The record sets of one simulated hosted zone, kept in the order ListResourceRecordSets returns
 * them: by name with the labels reversed ({@code com.example.blue.}), then type, then set identifier.
 * Not thread-safe: {@link SandboxRoute53Client} serialises access.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html">ListResourceRecordSets (sort order)</a>
 */
final class SandboxHostedZone {
    /** Where a record set sits in the listing. */
    record Key(String name, String type, @Nullable String setIdentifier) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing((Key k) -> reversedLabels(k.name))
                .thenComparing(Key::type)
                .thenComparing(k -> k.setIdentifier == null ? "" : k.setIdentifier);

        static Key of(ResourceRecordSet r) {
            return new Key(SandboxRecords.wireName(r.name()), r.typeAsString(), r.setIdentifier());
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }

        private static String reversedLabels(String name) {
            List<String> labels = new ArrayList<>(List.of(name.split("\\.")));
            Collections.reverse(labels);
            return String.join(".", labels);
        }
    }

    private final String id;
    private final String name;
    private TreeMap<Key, ResourceRecordSet> records = new TreeMap<>();

    SandboxHostedZone(String id, String name) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = SandboxRecords.wireName(name);
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** Every record set, in listing order. */
    List<ResourceRecordSet> all() {
        return List.copyOf(records.values());
    }

    /** The record sets from {@code start} on (inclusive), in listing order. */
    List<ResourceRecordSet> from(Key start) {
        return List.copyOf(records.tailMap(start, true).values());
    }

    /** Creates or replaces a record set, bypassing change batches (sandbox seeding and drift). */
    void put(ResourceRecordSet r) {
        requireInZone(r);
        records.put(Key.of(r), SandboxRecords.asReturned(r));
    }

    /**
     * Applies a change batch all-or-nothing.
     *
     * @return the errors in Route 53's wording; empty when the batch was applied, and then only
     */
    List<String> apply(List<Change> changes) {
        TreeMap<Key, ResourceRecordSet> next = new TreeMap<>(records);
        List<String> errors = new ArrayList<>();
        for (Change change : changes) {
            ResourceRecordSet r = change.resourceRecordSet();
            if (!SandboxRecords.inZone(r.name(), name)) {
                errors.add("RRSet with DNS name " + SandboxRecords.wireName(r.name()) + " is not permitted in zone "
                        + name);
                continue;
            }
            Key key = Key.of(r);
            ResourceRecordSet current = next.get(key);
            switch (change.action()) {
                case DELETE -> {
                    if (current == null) {
                        errors.add("Tried to delete resource record set " + describe(key) + " but it was not found");
                    } else if (!SandboxRecords.sameValues(current, r)) {
                        errors.add("Tried to delete resource record set " + describe(key)
                                + " but the values provided do not match the current values");
                    }
                    // Removed even when it failed, so a CREATE that follows reports no second error.
                    next.remove(key);
                }
                case CREATE -> {
                    if (current != null) {
                        errors.add("Tried to create resource record set " + describe(key) + " but it already exists");
                    } else {
                        next.put(key, SandboxRecords.asReturned(r));
                    }
                }
                case UPSERT -> next.put(key, SandboxRecords.asReturned(r));
                default -> errors.add("Unsupported action " + change.actionAsString());
            }
        }
        errors.addAll(cnameConflicts(next));
        if (errors.isEmpty()) {
            records = next;
        }
        return errors;
    }

    /** Route 53 allows no other record set beside a CNAME of the same name. */
    private List<String> cnameConflicts(TreeMap<Key, ResourceRecordSet> sets) {
        List<String> errors = new ArrayList<>();
        for (Key k : sets.keySet()) {
            if (k.type().equals("CNAME")
                    && sets.keySet().stream()
                            .anyMatch(
                                    o -> o.name().equals(k.name()) && !o.type().equals("CNAME"))) {
                errors.add("RRSet of type CNAME with DNS name " + k.name()
                        + " is not permitted as it conflicts with other records with the same DNS name in zone "
                        + name);
            }
        }
        return errors;
    }

    private static String describe(Key k) {
        return "[name='" + k.name() + "', type='" + k.type() + "'"
                + (k.setIdentifier() == null ? "" : ", set-identifier='" + k.setIdentifier() + "'") + "]";
    }

    private void requireInZone(ResourceRecordSet r) {
        if (!SandboxRecords.inZone(r.name(), name)) {
            throw new IllegalArgumentException(r.name() + " is not in zone " + name);
        }
    }
}
