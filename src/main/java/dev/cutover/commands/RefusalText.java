package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.Decision;
import dev.cutover.core.approval.Refusal;
import dev.cutover.reply.Mrkdwn;

/** Words every {@link Refusal} for the user who was refused: the one place these texts live. */
public final class RefusalText {
    private RefusalText() {}

    /** The refusal as a reply: {@code :no_entry:} and the sentence. */
    public static String reply(Refusal why) {
        return ":no_entry: " + capitalize(of(why));
    }

    /** The refusal as a sentence in lower case, ending in a full stop. */
    public static String of(Refusal why) {
        if (why instanceof Refusal.WrongChannel w) {
            return "changes of *" + w.pair() + "* can be requested only in " + Mrkdwn.channels(w.channels()) + ".";
        }
        if (why instanceof Refusal.MayNotRequest m) {
            return "you are not allowed to request changes of *" + m.pair() + "*. Requesters: "
                    + Mrkdwn.principals(m.requesters()) + ".";
        }
        if (why instanceof Refusal.Frozen f) {
            return "*" + f.pair() + "* is frozen by " + Mrkdwn.user(f.freeze().userId()) + " since "
                    + Mrkdwn.time(f.freeze().at()) + ": "
                    + Mrkdwn.userText(f.freeze().reason()) + ". `/swap unfreeze "
                    + f.pair() + "` lifts it.";
        }
        if (why instanceof Refusal.Busy b) {
            return "another change of *" + b.pair() + "* is in progress: "
                    + b.open()
                            .map(r -> r.kind().word() + " requested by " + Mrkdwn.user(r.requester()) + ", "
                                    + r.state().name().toLowerCase())
                            .orElse("request " + b.openId())
                    + ". One change at a time per pair.";
        }
        if (why instanceof Refusal.StillBusy s) {
            return "another change of *" + s.pair() + "* is in progress.";
        }
        if (why instanceof Refusal.NoSuchRequest n) {
            return "this request no longer exists.";
        }
        if (why instanceof Refusal.PairGone p) {
            return "the pair *" + p.pair() + "* is no longer configured.";
        }
        if (why instanceof Refusal.Expired e) {
            return "this request expired at " + Mrkdwn.time(e.at()) + ".";
        }
        if (why instanceof Refusal.AlreadyDecided a) {
            return alreadyDecided(a.request());
        }
        if (why instanceof Refusal.TooManyDeciders t) {
            return "too many people are deciding this request at once; try again.";
        }
        if (why instanceof Refusal.OwnRequest o) {
            return "you cannot approve your own request (four-eyes): another approver must. " + "Approvers: "
                    + Mrkdwn.principals(o.approvers()) + ".";
        }
        if (why instanceof Refusal.OwnShiftPromote o) {
            return "you cannot promote your own shift (four-eyes): another approver may. Approvers: "
                    + Mrkdwn.principals(o.approvers()) + ".";
        }
        if (why instanceof Refusal.ShiftBusy b) {
            return "another change of *" + b.pair() + "* is in progress: a traffic shift of *" + b.pair() + "* ("
                    + b.state() + ", requested by " + Mrkdwn.user(b.requester()) + ", `/shift " + b.pair()
                    + " status`). One change at a time per pair.";
        }
        if (why instanceof Refusal.BreakGlassNotApprover b) {
            return "break-glass lets an approver approve their own request; " + "you are not an approver of *"
                    + b.pair() + "*.";
        }
        if (why instanceof Refusal.BreakGlassNotOwn b) {
            return "break glass is only for the requester's own request; use Approve.";
        }
        if (why instanceof Refusal.NeedsReason n) {
            return n.what() == Refusal.ReasonFor.BREAK_GLASS
                    ? "a break-glass approval of your own request needs a reason."
                    : "a rejection needs a reason.";
        }
        if (why instanceof Refusal.ReasonTooLong t) {
            return "the reason is " + t.length() + " characters long; at most " + Refusal.MAX_REASON
                    + " are accepted. Say it shorter and try again.";
        }
        if (why instanceof Refusal.NotApprover n) {
            return "you are not an approver of *" + n.pair() + "*. Approvers: " + Mrkdwn.principals(n.approvers())
                    + ".";
        }
        if (why instanceof Refusal.AlreadyApproved a) {
            return "you have already approved this request (" + a.approvals() + " of " + a.required() + " approvals).";
        }
        if (why instanceof Refusal.MayNotReject m) {
            return "you are not an approver of *" + m.pair() + "*; the requester can Cancel instead.";
        }
        if (why instanceof Refusal.NotRequester n) {
            return "only the requester, " + Mrkdwn.user(n.requester()) + ", can cancel this request.";
        }
        if (why instanceof Refusal.MayNotFreeze m) {
            return "you may not freeze *" + m.pair() + "*: its requesters and approvers may.";
        }
        if (why instanceof Refusal.MayNotUnfreeze m) {
            return "only an approver of *" + m.pair() + "* may lift its freeze. Approvers: "
                    + Mrkdwn.principals(m.approvers()) + ".";
        }
        if (why instanceof Refusal.NotFrozen n) {
            return "*" + n.pair() + "* is not frozen.";
        }
        throw new IllegalArgumentException("no text for " + why);
    }

    /** Says who decided a request that is no longer pending, for a late click. */
    static String alreadyDecided(ApprovalRequest r) {
        String what = "this request is already " + r.state().name().toLowerCase();
        if (r.closedBy() != null) {
            return what + " (by " + Mrkdwn.user(r.closedBy().userId()) + " at "
                    + Mrkdwn.time(r.closedBy().at()) + ").";
        }
        if (!r.approvals().isEmpty()) {
            Decision last = r.approvals().get(r.approvals().size() - 1);
            return what + " (approved by " + Mrkdwn.user(last.userId()) + " at " + Mrkdwn.time(last.at()) + ").";
        }
        return what + ".";
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
