package dev.cutover.sandbox.console;

import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.swap.RecordSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code state} command's text: every record of the simulated hosted zones the pairs use. */
final class StateText {
    private final ConsoleTarget sandbox;

    StateText(ConsoleTarget sandbox) {
        this.sandbox = sandbox;
    }

    String render() {
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
}
