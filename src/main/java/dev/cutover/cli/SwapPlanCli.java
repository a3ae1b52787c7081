package dev.cutover.cli;

import dev.cutover.app.PairCatalogs;
import dev.cutover.app.ProductionWiring;
import dev.cutover.chat.text.PlainTextRenderer;
import dev.cutover.commands.SwapDryRun;
import dev.cutover.config.ConfigException;
import dev.cutover.config.CutoverConfig;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.reply.NameList;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code swap}: command-line operations on swap pairs; {@code swap plan} is the only one. */
@Command(
        name = "swap",
        mixinStandardHelpOptions = true,
        description = "Swap pair operations.",
        subcommands = {SwapPlanCli.Plan.class})
public final class SwapPlanCli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code swap} without a subcommand is bad usage: say what there is, on standard error, with status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
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
                return ExitCodes.USAGE;
            }
            PairCatalog pairs = PairCatalogs.of(c.pairs());
            if (pairs.find(name).isEmpty()) {
                err.println(unknownPair(name, pairs.names()));
                return ExitCodes.USAGE;
            }
            try {
                SwapPlan plan = ProductionWiring.withDnsRecords(c.aws(), dns -> new SwapPlanner(dns)
                        .plan(pairs.find(name).get().pair()));
                PlainTextRenderer.withoutNames().render(reply(plan)).forEach(out::println);
                return ExitCodes.OK;
            } catch (SwapException e) {
                err.println("cannot plan the swap: " + e.getMessage());
                return ExitCodes.FAILED;
            } finally {
                out.flush();
            }
        }
    }

    /**
     * The error for an unknown pair, as the slash commands word it but in plain text: the closest
     * configured names ({@link NameList#closest}), then at most {@link NameList#SHOWN} of them all.
     */
    static String unknownPair(String typed, Collection<String> names) {
        List<String> close = NameList.closest(typed, names, NameList.SUGGESTED);
        String suggestion = close.isEmpty()
                ? ""
                : " did you mean " + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + "?";
        String known = names.stream().limit(NameList.SHOWN).collect(Collectors.joining(", "));
        int more = names.size() - NameList.SHOWN;
        return "unknown pair '" + typed + "';" + suggestion + " known pairs: "
                + (names.isEmpty() ? "(none configured)" : known)
                + (more > 0 ? " …and " + more + " more (check-config lists them all)" : "");
    }

    /**
     * The dry run as {@code /swap <pair> dry-run} shows it (the plan and the change batch), then
     * the full current and swapped records, which a terminal has the room for.
     */
    static Message reply(SwapPlan plan) {
        Message dryRun = SwapDryRun.message(plan, ProductionWiring.CHANGE_BATCH_FORMAT);
        List<Block> blocks = new ArrayList<>(dryRun.blocks());
        blocks.add(new Block.Section(
                "Pair " + plan.pair().name() + " in hosted zone " + plan.pair().zoneId()));
        String records = "Current records:\n" + lines(plan.blueBefore()) + lines(plan.greenBefore())
                + "After the swap:\n" + lines(plan.blueAfter()) + lines(plan.greenAfter());
        blocks.add(new Block.Code(records.stripTrailing()));
        return new Message(dryRun.text(), blocks);
    }

    private static String lines(List<RecordSet> sets) {
        StringBuilder sb = new StringBuilder();
        for (RecordSet r : sets) {
            String target = r.isAlias()
                    ? "ALIAS " + r.alias().dnsName() + " (zone " + r.alias().hostedZoneId()
                            + ", evaluate target health " + r.alias().evaluateTargetHealth() + ")"
                    : "TTL " + r.ttl() + " " + String.join(" ", r.values());
            sb.append("  ")
                    .append(r.name())
                    .append(' ')
                    .append(r.type())
                    .append(' ')
                    .append(target)
                    .append('\n');
        }
        return sb.toString();
    }
}
