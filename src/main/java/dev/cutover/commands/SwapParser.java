package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.reply.Mrkdwn;
import dev.cutover.reply.NameList;
import java.util.Arrays;
import java.util.List;

/**
 * The pre-ack step of {@code /swap} and {@code /rollback}: parses the words against the pair
 * catalog, which is in memory. Its only input is that catalog and the typed words, so it cannot
 * reach the chat service, the store or Route 53: everything that does runs after the ack.
 */
final class SwapParser {
    static final String SWAP_USAGE = "`/swap <pair>` · `/swap <pair> dry-run` · `/swap freeze <pair> <reason>` · "
            + "`/swap unfreeze <pair>` · `/swap history <pair>`";
    static final String ROLLBACK_USAGE = "`/rollback <pair>`";

    /** What a command asks for, once parsed. */
    sealed interface Intent {
        /** Answer at once with {@code markdown}; nothing else. */
        record Reply(String markdown) implements Intent {}

        /** Ask for a change of {@code pair}. */
        record Request(ChangeKind kind, String pair) implements Intent {}

        /** Show the dry run of a swap of {@code pair}. */
        record DryRun(String pair) implements Intent {}

        /** Freeze {@code pair} with {@code reason}. */
        record Freeze(String pair, String reason) implements Intent {}

        /** Lift the freeze of {@code pair}. */
        record Unfreeze(String pair) implements Intent {}

        /** Show the audit history of {@code pair}. */
        record History(String pair) implements Intent {}
    }

    private final PairCatalog pairs;

    SwapParser(PairCatalog pairs) {
        this.pairs = pairs;
    }

    /** Parses the words of {@code /swap} typed in {@code channel}. */
    Intent swap(String[] w, String channel) {
        return inChannel(swap(w), channel);
    }

    /** Parses the words of {@code /rollback} typed in {@code channel}. */
    Intent rollback(String[] w, String channel) {
        return inChannel(rollback(w), channel);
    }

    /** A request in a channel its pair does not take is refused at once: the policy is in memory. */
    private Intent inChannel(Intent intent, String channel) {
        if (intent instanceof Intent.Request r) {
            ApprovalPolicy policy = pairs.find(r.pair()).orElseThrow().policy();
            return FourEyes.channel(r.pair(), policy, channel)
                    .<Intent>map(why -> new Intent.Reply(RefusalText.reply(why)))
                    .orElse(intent);
        }
        return intent;
    }

    private Intent swap(String[] w) {
        if (w.length == 0) {
            return requestDefault(ChangeKind.SWAP, SWAP_USAGE);
        }
        return switch (w[0].toLowerCase()) {
            case "help" -> new Intent.Reply("Usage: " + SWAP_USAGE + "\nKnown pairs: " + known() + ".");
            case "freeze" -> w.length < 3
                    ? new Intent.Reply(":no_entry: Usage: `/swap freeze <pair> <reason>` (the reason is required). "
                            + "Known pairs: " + known() + ".")
                    : known(w[1], freeze(w[1], String.join(" ", Arrays.copyOfRange(w, 2, w.length))));
            case "unfreeze" -> w.length != 2
                    ? new Intent.Reply(":no_entry: Usage: `/swap unfreeze <pair>`. Known pairs: " + known() + ".")
                    : known(w[1], new Intent.Unfreeze(w[1]));
            case "history" -> w.length != 2
                    ? new Intent.Reply(":no_entry: Usage: `/swap history <pair>`. Known pairs: " + known() + ".")
                    : known(w[1], new Intent.History(w[1]));
            default -> swapOf(w);
        };
    }

    /** A freeze, or a refusal at once when its reason is too long to keep. */
    private static Intent freeze(String pair, String reason) {
        return Refusal.ifTooLong(Refusal.ReasonFor.FREEZE, reason)
                .<Intent>map(why -> new Intent.Reply(RefusalText.reply(why)))
                .orElse(new Intent.Freeze(pair, reason));
    }

    private Intent swapOf(String[] w) {
        if (w.length == 1) {
            return known(w[0], new Intent.Request(ChangeKind.SWAP, w[0]));
        }
        if (w.length == 2 && (w[1].equalsIgnoreCase("dry-run") || w[1].equalsIgnoreCase("--dry-run"))) {
            return known(w[0], new Intent.DryRun(w[0]));
        }
        return known(
                w[0],
                new Intent.Reply(":no_entry: Unexpected "
                        + Mrkdwn.snippet(String.join(" ", Arrays.copyOfRange(w, 1, w.length)))
                        + ". Usage: " + SWAP_USAGE));
    }

    private Intent rollback(String[] w) {
        if (w.length == 0) {
            return requestDefault(ChangeKind.ROLLBACK, ROLLBACK_USAGE);
        }
        if (w.length > 1 || w[0].equalsIgnoreCase("help")) {
            return new Intent.Reply((w.length > 1 ? ":no_entry: " : "") + "Usage: " + ROLLBACK_USAGE + ". Known pairs: "
                    + known() + ".");
        }
        if (pairs.find(w[0]).isEmpty()) {
            return new Intent.Reply(":no_entry: Unknown pair " + Mrkdwn.snippet(w[0]) + ". "
                    + NameList.didYouMean(w[0], pairs.names()) + "Known pairs: " + known() + ".");
        }
        return new Intent.Request(ChangeKind.ROLLBACK, w[0]);
    }

    /**
     * A command with no pair: the only pair when exactly one is configured, else a reply asking
     * which, with {@code usage} and the known pairs.
     */
    private Intent requestDefault(ChangeKind kind, String usage) {
        return pairs.only()
                .<Intent>map(p -> new Intent.Request(kind, p))
                .orElseGet(() -> new Intent.Reply("Which pair? Usage: " + usage + "\nKnown pairs: " + known() + "."));
    }

    /** {@code then} when {@code name} is a configured pair, else the unknown-pair reply. */
    private Intent known(String name, Intent then) {
        return pairs.find(name).isPresent()
                ? then
                : new Intent.Reply(":no_entry: Unknown pair " + Mrkdwn.snippet(name) + ". "
                        + NameList.didYouMean(name, pairs.names()) + "Known pairs: " + known() + ".\nUsage: "
                        + SWAP_USAGE);
    }

    /**
     * The pair names for a reply, at most {@link NameList#SHOWN} of them, or a hint when none are
     * configured. {@code /cutover status} lists every pair.
     */
    private String known() {
        List<String> names = pairs.names();
        return names.isEmpty()
                ? "none are configured (add one under `pairs:` in the config)"
                : NameList.of(names, "`/cutover status` lists them all");
    }
}
