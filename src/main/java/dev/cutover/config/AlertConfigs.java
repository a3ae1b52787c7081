package dev.cutover.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks across {@code queues:}, {@code services:} and {@code alerts:}: defaults, references, duplicates. */
final class AlertConfigs {
    private AlertConfigs() {}

    /** The queues with the default channel filled in; each must have a channel and a known pair. */
    static List<QueueConfig> queues(List<QueueConfig> queues, AlertSettings alerts, Set<String> pairs) {
        if (queues == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueConfig q = queues.get(i);
            if (!names.add(q.name())) {
                throw ConfigException.invalid("queues[" + i + "].queue", "duplicate queue " + q.name());
            }
            checkRefs("queues[" + i + "]", q.channel(), alerts, q.pair(), pairs);
        }
        return queues.stream().map(q -> q.withDefaultChannel(alerts.channel())).toList();
    }

    /** The services with the default channel filled in; queue and pair references must resolve. */
    static List<ServiceConfig> services(
            List<ServiceConfig> services, AlertSettings alerts, Set<String> pairs, List<QueueConfig> queues) {
        if (services == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig s = services.get(i);
            String at = "services[" + i + "]";
            if (!names.add(s.name())) {
                throw ConfigException.invalid(at + ".service", "duplicate service " + s.name());
            }
            checkRefs(at, s.channel(), alerts, s.pair(), pairs);
            if (s.queue() != null && queues.stream().noneMatch(q -> q.name().equals(s.queue()))) {
                throw ConfigException.invalid(at + ".queue", "no queue named " + s.queue() + " under queues:");
            }
        }
        return services.stream()
                .map(s -> s.withDefaultChannel(alerts.channel()))
                .toList();
    }

    private static void checkRefs(String at, String channel, AlertSettings alerts, String pair, Set<String> pairs) {
        if (channel == null && alerts.channel() == null) {
            throw ConfigException.invalid(at + ".channel", "required, or set a default in alerts.channel");
        }
        if (pair != null && !pairs.contains(pair)) {
            throw ConfigException.invalid(at + ".pair", "no pair named " + pair + " under pairs:");
        }
    }
}
