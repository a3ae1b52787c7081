package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.reply.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Home's pairs: each pair in a few lines, with the channel's buttons where the viewer may decide. */
final class HomePairs {
    /** The longest freeze reason shown, in characters. */
    static final int REASON = 200;

    private HomePairs() {}

    /**
     * The pairs within {@code budget} blocks: the pairs without buttons share sections, a pair whose
     * request the user may decide gets its own section and a row of buttons; one block is kept for
     * the count of pairs left out.
     */
    static List<Block> pairs(List<HomeData.Pair> pairs, Set<String> mayDecide, int budget) {
        List<Block> out = new ArrayList<>();
        if (pairs.isEmpty()) {
            out.add(new Block.Section("None configured (add them under `pairs:` in the config)."));
            return out;
        }
        StringBuilder shared = new StringBuilder();
        int shown = 0;
        for (HomeData.Pair p : pairs) {
            String text = Mrkdwn.cut(pairText(p), MessageLimits.SECTION_TEXT);
            List<Button> decide = decisionButtons(p, mayDecide);
            boolean buttons = !decide.isEmpty();
            boolean fitsShared =
                    shared.length() > 0 && shared.length() + 2 + text.length() <= MessageLimits.SECTION_TEXT;
            int used = out.size() + (shared.length() > 0 ? 1 : 0);
            int cost = buttons ? 2 : fitsShared ? 0 : 1;
            int reserve = shown + 1 < pairs.size() ? 1 : 0;
            if (used + cost + reserve > budget) {
                break;
            }
            if (buttons || !fitsShared) {
                flush(shared, out);
            }
            if (buttons) {
                out.add(new Block.Section(text));
                out.add(new Block.Actions(decide));
            } else {
                shared.append(shared.length() == 0 ? "" : "\n\n").append(text);
            }
            shown++;
        }
        flush(shared, out);
        if (shown < pairs.size()) {
            out.add(new Block.Context(
                    "…and " + (pairs.size() - shown) + " more pairs — `/cutover status` lists them all"));
        }
        return out;
    }

    /**
     * The channel's buttons that decide {@code p}'s pending request or shift, when the viewer may:
     * Approve and Reject for a swap or rollback, Approve and Abort for a shift.
     */
    private static List<Button> decisionButtons(HomeData.Pair p, Set<String> mayDecide) {
        ApprovalRequest r = p.request();
        if (r != null && r.state() == ApprovalState.PENDING && mayDecide.contains(r.id())) {
            return SwapMessages.decisionButtons(r);
        }
        Shift s = p.shift();
        if (s != null && s.state() == ShiftState.PENDING && mayDecide.contains(s.id())) {
            return ShiftMessages.buttons(s);
        }
        return List.of();
    }

    private static void flush(StringBuilder shared, List<Block> out) {
        if (shared.length() > 0) {
            out.add(new Block.Section(shared.toString()));
            shared.setLength(0);
        }
    }

    /** A pair in a few lines: where blue points, frozen or not, its request, shift and watch. */
    static String pairText(HomeData.Pair p) {
        StringBuilder b = new StringBuilder("*`" + p.name() + "`* · " + p.blue() + " → "
                + p.live().orElse(":warning: cannot read the records from Route 53 (see the bot's log)"));
        Freeze f = p.freeze();
        b.append('\n')
                .append(
                        !p.stored()
                                ? ":warning: cannot read its freeze and requests from the store (see the bot's log)"
                                : f == null
                                        ? ":unlock: not frozen"
                                        : ":ice_cube: *frozen* by " + Mrkdwn.user(f.userId()) + " since "
                                                + Mrkdwn.time(f.at()) + ": "
                                                + Mrkdwn.userText(Mrkdwn.cut(f.reason(), REASON)));
        ApprovalRequest r = p.request();
        if (r != null) {
            b.append('\n').append(requestLine(r));
        }
        if (p.shift() != null) {
            b.append("\n:twisted_rightwards_arrows: ").append(shiftLine(p.shift()));
        }
        if (p.watch() != null) {
            b.append("\n:eyes: cutover watch open · <")
                    .append(p.watch().archivesUrl())
                    .append("|its message>");
        }
        return b.toString();
    }

    /**
     * A line on a progressive shift: who asked, its state, step and both sides' shares now; for one
     * that ended leaving traffic on green, a warning with where it left it and what takes it back.
     */
    static String shiftLine(Shift s) {
        if (!s.state().isOpen()) {
            return "Shift `" + s.id() + "` by " + Mrkdwn.user(s.requester()) + ": :warning: " + s.leftOver();
        }
        return "Shift `" + s.id() + "` by " + Mrkdwn.user(s.requester()) + ": "
                + (s.state() == ShiftState.PENDING
                        ? "waiting for approval (" + s.approvals().size() + " of " + s.requiredApprovals() + ")"
                        : s.stateWord() + ", step " + Math.max(0, s.step() + 1) + " of "
                                + s.plan().percents().size())
                + " · " + s.shown().percents();
    }

    static String requestLine(ApprovalRequest r) {
        String what = (r.kind().word().equals("swap") ? "Swap" : "Rollback") + " `" + r.id() + "` by "
                + Mrkdwn.user(r.requester());
        return r.state() == ApprovalState.PENDING
                ? ":hourglass_flowing_sand: " + what + ": waiting for approval ("
                        + r.approvals().size() + " of " + r.requiredApprovals() + "), expires "
                        + Mrkdwn.time(r.expiresAt())
                : ":gear: " + what + ": " + r.state().word();
    }
}
