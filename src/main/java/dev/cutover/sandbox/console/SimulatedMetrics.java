package dev.cutover.sandbox.console;

import dev.cutover.config.CutoverWatchSettings;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console commands that change the simulated account's queues, services and load balancer
 * traffic, then poll at once, so an alert shows without waiting for the next poll interval.
 */
final class SimulatedMetrics {
    private final ConsoleTarget sandbox;

    SimulatedMetrics(ConsoleTarget sandbox) {
        this.sandbox = sandbox;
    }

    /** Runs {@code queue}, {@code service} or {@code traffic}; returns false with an error printed on bad input. */
    boolean apply(String command, String args, Consumer<String> print) {
        String[] w = args.isBlank() ? new String[0] : args.split("\\s+");
        try {
            return switch (command) {
                case "queue" -> queue(w, print);
                case "service" -> service(w, print);
                default -> traffic(w, print);
            };
        } catch (NumberFormatException e) {
            print.accept("error: not a number: " + e.getMessage().replace("For input string: ", ""));
            return false;
        }
    }

    private boolean queue(String[] w, Consumer<String> print) {
        if (w.length < 2 || w.length > 3) {
            return usage(print, "queue <name> <visible messages> [oldest message age, seconds]");
        }
        java.util.List<String> queues =
                sandbox.config().queues().stream().map(q -> q.queue()).toList();
        if (!queues.contains(w[0])) {
            print.accept("error: no queue `" + w[0] + "` is watched; queues: " + String.join(", ", queues));
            return false;
        }
        sandbox.metrics().setQueueDepth(w[0], Double.parseDouble(w[1]), w.length == 3 ? Double.parseDouble(w[2]) : 0);
        print.accept("(the simulated queue " + w[0] + " now holds " + w[1] + " visible messages; polling)");
        sandbox.bot().pollQueues();
        return true;
    }

    private boolean service(String[] w, Consumer<String> print) {
        if (w.length != 3 || !w[0].contains("/")) {
            return usage(print, "service <cluster>/<service> <desired> <running>");
        }
        java.util.List<String> services = sandbox.config().services().stream()
                .map(v -> v.cluster() + "/" + v.service())
                .toList();
        if (!services.contains(w[0])) {
            print.accept("error: no service `" + w[0] + "` is watched; services: " + String.join(", ", services));
            return false;
        }
        String[] cs = w[0].split("/", 2);
        sandbox.metrics().setService(cs[0], cs[1], Integer.parseInt(w[1]), Integer.parseInt(w[2]));
        print.accept(
                "(the simulated service " + w[0] + " is now at " + w[2] + " running of " + w[1] + " desired; polling)");
        sandbox.bot().pollServices();
        return true;
    }

    private boolean traffic(String[] w, Consumer<String> print) {
        if (w.length != 4) {
            return usage(print, "traffic <side, e.g. green> <requests/min> <5xx/min> <p95 seconds>");
        }
        Optional<CutoverWatchSettings.Side> side = sandbox.config().alerts().cutover().sides().stream()
                .filter(s -> s.target().contains(w[0]))
                .findFirst();
        if (side.isEmpty()) {
            print.accept("error: no cutover side matches `" + w[0] + "` (see alerts.cutover.sides)");
            return false;
        }
        sandbox.metrics()
                .setTargetGroup(
                        side.get().targetGroup(),
                        Double.parseDouble(w[1]),
                        Double.parseDouble(w[2]),
                        Double.parseDouble(w[3]));
        print.accept("(" + side.get().targetGroup() + " now serves " + w[1] + " requests/min, " + w[2]
                + " 5xx/min, p95 " + w[3] + " s; the cutover watch reads it at its next poll)");
        return true;
    }

    private static boolean usage(Consumer<String> print, String usage) {
        print.accept("error: usage: " + usage);
        return false;
    }
}
