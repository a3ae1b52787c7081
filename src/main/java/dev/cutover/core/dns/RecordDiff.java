package dev.cutover.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The difference between the record sets of one name as planned and as read now, naming exactly
 * the fields that changed with their full values as Route 53 returns them (the {@code dualstack.}
 * prefix, the trailing dot, the alias zone, EvaluateTargetHealth, the health check).
 */
final class RecordDiff {
    private RecordDiff() {}

    /** One sentence per record set of {@code name} that differs, in type order. */
    static List<String> of(String name, List<RecordSet> planned, List<RecordSet> now) {
        TreeSet<String> types = new TreeSet<>();
        planned.forEach(r -> types.add(r.type()));
        now.forEach(r -> types.add(r.type()));
        List<String> out = new ArrayList<>();
        for (String type : types) {
            Optional<RecordSet> was = byType(planned, type);
            Optional<RecordSet> is = byType(now, type);
            if (was.equals(is)) {
                continue;
            }
            if (was.isEmpty() || is.isEmpty() || was.get().isAlias() != is.get().isAlias()) {
                out.add(name + " was " + full(was, type) + " when planned, now " + full(is, type));
            } else {
                fields(name, was.get(), is.get(), out);
            }
        }
        return out;
    }

    private static void fields(String name, RecordSet was, RecordSet is, List<String> out) {
        String head = name + " was " + was.type() + " ";
        if (was.isAlias()) {
            field(head + "alias DNSName ", was, is, r -> r.alias().dnsName(), out);
            field(head + "alias HostedZoneId ", was, is, r -> r.alias().hostedZoneId(), out);
            field(head + "alias EvaluateTargetHealth ", was, is, r -> r.alias().evaluateTargetHealth(), out);
        } else {
            field(head + "TTL ", was, is, r -> r.ttl() + " s", out);
            field(head + "values ", was, is, r -> String.join(", ", r.values()), out);
        }
        field(head + "HealthCheckId ", was, is, r -> Objects.requireNonNullElse(r.healthCheckId(), "(none)"), out);
        field(head + "routing ", was, is, r -> Objects.requireNonNullElse(r.routing(), "simple"), out);
    }

    private static void field(
            String head, RecordSet was, RecordSet is, Function<RecordSet, Object> get, List<String> out) {
        String a = String.valueOf(get.apply(was));
        String b = String.valueOf(get.apply(is));
        if (!a.equals(b)) {
            out.add(head + a + " when planned, now " + b);
        }
    }

    /** A record set with every field for people; "no A record" when absent. */
    static String full(Optional<RecordSet> r, String type) {
        if (r.isEmpty()) {
            return "no " + type + " record";
        }
        RecordSet s = r.get();
        String health = s.healthCheckId() == null ? "" : ", HealthCheckId " + s.healthCheckId();
        return s.isAlias()
                ? s.type() + " alias " + s.alias().dnsName() + " (alias zone "
                        + s.alias().hostedZoneId() + ", EvaluateTargetHealth "
                        + s.alias().evaluateTargetHealth() + health + ")"
                : s.type() + " " + String.join(", ", s.values()) + " (TTL " + s.ttl() + " s" + health + ")";
    }

    private static Optional<RecordSet> byType(List<RecordSet> sets, String type) {
        return sets.stream().filter(r -> r.type().equals(type)).findFirst();
    }
}
