package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftOutcome;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.reply.Mrkdwn;
import dev.cutover.reply.NameList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /shift}: a progressive traffic shift of a pair in weighted steps. Before the ack only the
 * words are parsed against the pairs with {@code traffic:} (in memory); the store, the directory and
 * the backends are asked in the follow-up.
 */
public final class ShiftCommand implements ChatCommand {
    /** The usage, also the help text. */
    public static final String USAGE = "/shift <pair> [<percent> ...|dry-run|status]";

    /** The most explicit steps accepted. */
    static final int MAX_STEPS = 20;

    /** The longest change batch shown per step, in characters: one section holds at most 3,000. */
    private static final int STEP_TEXT = 2_800;

    private static final Logger log = LoggerFactory.getLogger(ShiftCommand.class);

    private final Set<String> pairs;
    private final Set<String> configured;
    private final ShiftService shifts;
    private final Notifier notifier;
    private final Clock clock;

    /** @param pairs the pairs with {@code traffic:}, the only configured ones */
    public ShiftCommand(Set<String> pairs, ShiftService shifts, Notifier notifier, Clock clock) {
        this(pairs, pairs, shifts, notifier, clock);
    }

    /**
     * @param pairs the pairs with {@code traffic:}
     * @param configured every configured pair: one without {@code traffic:} is answered as such,
     *     not as unknown
     */
    public ShiftCommand(
            Set<String> pairs,
            java.util.Collection<String> configured,
            ShiftService shifts,
            Notifier notifier,
            Clock clock) {
        this.configured = Set.copyOf(configured);
        this.pairs = new TreeSet<>(pairs);
        this.shifts = shifts;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "shift";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length == 0) {
            return CommandResult.reply("Usage: `" + USAGE + "`");
        }
        String pair = w[0];
        if (!pairs.contains(pair) && configured.contains(pair)) {
            return CommandResult.reply(":no_entry: The pair " + Mrkdwn.snippet(pair)
                    + " has no `traffic:` section in the config, so `/shift` cannot move its traffic in steps"
                    + " (`/swap " + pair + "` switches it at once)."
                    + (pairs.isEmpty()
                            ? " No pair has `traffic:`."
                            : " Pairs with traffic: " + NameList.of(pairs, "`/cutover status` lists them all") + "."));
        }
        if (!pairs.contains(pair)) {
            return CommandResult.reply(":no_entry: Unknown pair " + Mrkdwn.snippet(pair)
                    + " for `/shift`: it needs a pair with `traffic:` in the config."
                    + (pairs.isEmpty()
                            ? " No pair has one."
                            : " " + NameList.didYouMean(pair, pairs) + "Pairs with traffic: "
                                    + NameList.of(pairs, "`/cutover status` lists them all") + "."));
        }
        if (w.length > 2 && (w[1].equals("dry-run") || w[1].equals("status"))) {
            return CommandResult.reply("`" + w[1] + "` takes nothing after it. Usage: `" + USAGE + "`");
        }
        if (w.length == 2 && w[1].equals("dry-run")) {
            return later(inv, () -> dryRun(pair, inv));
        }
        if (w.length == 2 && w[1].equals("status")) {
            return later(inv, () -> inv.responder()
                    .ephemeral(shifts.latest(pair)
                            .map(s -> ShiftMessages.render(s, clock.instant()))
                            .orElse(Message.text("No shift of *" + pair + "* yet."))));
        }
        List<Integer> steps = null;
        if (w.length > 1) {
            steps = steps(w);
            if (steps == null) {
                return CommandResult.reply(
                        stepProblem(w) + " Steps are percents to green from 1 to 100, increasing, at most " + MAX_STEPS
                                + ", e.g. `/shift " + Mrkdwn.escape(Mrkdwn.cut(pair, 80)) + " 5 25 100`. Usage: `"
                                + USAGE + "`");
            }
        }
        List<Integer> chosen = steps;
        return later(inv, () -> request(pair, chosen, inv));
    }

    /** What is wrong with explicit steps that {@link #steps} refuses, naming the first bad value (escaped, cut). */
    static String stepProblem(String[] w) {
        if (w.length - 1 > MAX_STEPS) {
            return (w.length - 1) + " steps is too many.";
        }
        int last = 0;
        for (int i = 1; i < w.length; i++) {
            String v = Mrkdwn.snippet(Mrkdwn.cut(w[i], 20));
            if (!w[i].matches("[0-9]{1,3}%?")) {
                return "Step " + i + " (" + v + ") is not a whole percent.";
            }
            int p = Integer.parseInt(w[i].replace("%", ""));
            if (p < 1 || p > 100) {
                return "Step " + i + " (" + v + ") is not between 1 and 100.";
            }
            if (p <= last) {
                return "Step " + i + " (" + v + ") does not increase on " + last + ".";
            }
            last = p;
        }
        return "The steps are not valid.";
    }

    /** The explicit steps, or null when one is not a percent or they do not increase. */
    static List<Integer> steps(String[] w) {
        if (w.length - 1 > MAX_STEPS) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < w.length; i++) {
            if (!w[i].matches("[0-9]{1,3}%?")) {
                return null;
            }
            int p = Integer.parseInt(w[i].replace("%", ""));
            if (p < 1 || p > 100 || (!out.isEmpty() && p <= out.get(out.size() - 1))) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    private void request(String pair, List<Integer> steps, Invocation inv) {
        ShiftOutcome out = shifts.request(pair, steps, inv.userId(), inv.channelId());
        if (out instanceof ShiftOutcome.Changed c) {
            Shift s = c.shift();
            MessageRef ref = notifier.post(inv.channelId(), ShiftMessages.render(s, clock.instant()));
            shifts.posted(s.id(), ref);
            inv.responder()
                    .ephemeral(Message.text("Shift of *" + pair + "* requested (" + ShiftMessages.plan(s.plan())
                            + "); it starts when approved."));
            return;
        }
        inv.responder().ephemeral(Message.text(ShiftActions.words(out)));
    }

    private void dryRun(String pair, Invocation inv) {
        ShiftOutcome out = shifts.dryRun(pair, null);
        if (!(out instanceof ShiftOutcome.Planned p)) {
            inv.responder().ephemeral(Message.text(ShiftActions.words(out)));
            return;
        }
        ShiftPlan plan = p.plan();
        List<String> lines = new ArrayList<>();
        lines.add("*Dry run of a shift of " + pair + "* from " + plan.start() + ": " + ShiftMessages.plan(plan)
                + "; on an alarm it " + (plan.onAlarm() == ShiftPlan.OnAlarm.HALT ? "halts" : "reverts")
                + ". Nothing was changed.");
        for (int i = 0; i < plan.steps().size(); i++) {
            String batch = String.join("\n", p.backend().preview(plan.weightsAt(i - 1), plan.weightsAt(i)));
            lines.add("*Step " + (i + 1) + "* (" + plan.percents().get(i) + "% to green): " + plan.weightsAt(i)
                    + "\n```" + Mrkdwn.cut(batch, STEP_TEXT) + "```");
        }
        inv.responder()
                .ephemeral(Message.builder(lines.get(0))
                        .lines(lines, MessageLimits.BLOCKS, "the steps follow the same pattern")
                        .build());
    }

    private CommandResult later(Invocation inv, Runnable work) {
        return CommandResult.later(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("/shift failed", e);
                inv.responder().ephemeral(Message.text(FailureText.reply(e)));
            }
        });
    }
}
