package dev.cutover.sandbox.console;

import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.sandbox.SandboxAccount;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The console commands on the simulated Route 53: {@code state} shows every record of the hosted
 * zones the pairs use; {@code drift} changes a record behind the bot's back.
 */
final class SimulatedRecords {
    private final ConsoleTarget sandbox;

    SimulatedRecords(ConsoleTarget sandbox) {
        this.sandbox = sandbox;
    }

    /** The {@code state} command's text. */
    String state() {
        Set<String> zones = new LinkedHashSet<>();
        sandbox.config().pairs().forEach(p -> zones.add(p.zoneId()));
        StringBuilder sb = new StringBuilder("Simulated Route 53:");
        for (String zone : zones) {
            sb.append("\n  hosted zone ").append(zone);
            for (RecordSet r : sandbox.route53().records(zone)) {
                if (r.type().equals("A") || r.type().equals("AAAA") || r.type().equals("CNAME")) {
                    sb.append("\n    ")
                            .append(r.name())
                            .append(' ')
                            .append(r.type())
                            .append(" -> ")
                            .append(r.target());
                }
            }
        }
        for (SwapPairConfig p : sandbox.config().pairs()) {
            sb.append("\n  pair ")
                    .append(p.name())
                    .append(": ")
                    .append(p.blue())
                    .append(" <-> ")
                    .append(p.green());
        }
        return sb.toString();
    }

    /** Runs {@code drift <record> <alias dns name>}; returns false with an error printed on bad input. */
    boolean drift(String args, Consumer<String> print) {
        String[] w = args.split("\\s+");
        if (w.length != 2) {
            print.accept(
                    "error: usage: drift <record> <alias dns name>, e.g. drift green.example.com other-alb.example.com");
            return false;
        }
        return sandbox.route53().records(zoneOf(w[0])).stream()
                .filter(r -> r.name().equals(RecordSet.normalizeName(w[0])))
                .findFirst()
                .map(r -> {
                    sandbox.route53()
                            .putRecord(
                                    zoneOf(w[0]),
                                    RecordSet.alias(
                                            r.name(),
                                            r.type(),
                                            new AliasTarget(
                                                    r.isAlias() ? r.alias().hostedZoneId() : SandboxAccount.ALB_ZONE_ID,
                                                    RecordSet.normalizeName(w[1]),
                                                    true)));
                    print.accept("(behind the bot's back, " + r.name() + " now points at "
                            + RecordSet.normalizeName(w[1]) + ")");
                    return true;
                })
                .orElseGet(() -> {
                    print.accept("error: no record " + w[0] + " in the sandbox's zones");
                    return false;
                });
    }

    private String zoneOf(String record) {
        String name = RecordSet.normalizeName(record);
        return sandbox.config().pairs().stream()
                .filter(p -> p.blue().equals(name) || p.green().equals(name))
                .map(p -> p.zoneId())
                .findFirst()
                .orElse(SandboxAccount.ZONE_ID);
    }
}
