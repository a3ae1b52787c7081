package dev.cutover.cli;

import dev.cutover.Main;
import dev.cutover.app.PairCatalogs;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Route53ChangeBatchJson;
import dev.cutover.aws.Route53DnsRecords;
import dev.cutover.config.ConfigException;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.RecordSet;
import dev.cutover.core.swap.SwapException;
import dev.cutover.core.swap.SwapPlan;
import dev.cutover.core.swap.SwapPlanner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code swap}: command-line operations on swap pairs. */
@Command(
        name = "swap",
        mixinStandardHelpOptions = true,
        description = "Swap pair operations.",
        subcommands = {SwapCli.Plan.class})
public final class SwapCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code swap plan <name>}: prints both records and the change batch a swap would submit. */
    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "Print both current records and the exact change batch a swap would submit. Applies nothing.")
    static final class Plan implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "PAIR", description = "The pair's name, as configured under pairs:")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CutoverConfig c;
            try {
                c = config.load();
            } catch (ConfigException e) {
                err.println("config error: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            PairCatalog pairs = PairCatalogs.of(c.pairs());
            if (pairs.find(name).isEmpty()) {
                err.println("unknown pair '" + name + "'; known pairs: " + String.join(", ", pairs.names()));
                return Main.EXIT_USAGE;
            }
            try (AwsClients aws = AwsClients.create(c.aws())) {
                SwapPlan plan = new SwapPlanner(new Route53DnsRecords(aws.route53()))
                        .plan(pairs.find(name).get().pair());
                print(plan, out);
                return 0;
            } catch (SwapException e) {
                err.println("cannot plan the swap: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
            }
        }
    }

    /** Prints the plan as the dry run shows it, for a terminal. */
    static void print(SwapPlan plan, PrintWriter out) {
        out.println(
                "Pair " + plan.pair().name() + " in hosted zone " + plan.pair().zoneId());
        out.println("Current records:");
        lines(plan.blueBefore(), out);
        lines(plan.greenBefore(), out);
        out.println("After the swap:");
        lines(plan.blueAfter(), out);
        lines(plan.greenAfter(), out);
        out.println("Change batch (one atomic ChangeResourceRecordSets call; nothing was applied):");
        out.println(Route53ChangeBatchJson.render("swap " + plan.pair().name(), plan.changes()));
    }

    private static void lines(List<RecordSet> sets, PrintWriter out) {
        for (RecordSet r : sets) {
            String target = r.isAlias()
                    ? "ALIAS " + r.alias().dnsName() + " (zone " + r.alias().hostedZoneId()
                            + ", evaluate target health " + r.alias().evaluateTargetHealth() + ")"
                    : "TTL " + r.ttl() + " " + String.join(" ", r.values());
            out.println("  " + r.name() + " " + r.type() + " " + target);
        }
    }
}
