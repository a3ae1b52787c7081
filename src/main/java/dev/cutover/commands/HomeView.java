package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.home.OpenIncident;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.reply.Mrkdwn;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders one user's Home from {@link HomeData}: every pair (with Approve/Reject where that user may
 * decide its request), the user's own pending requests (with Cancel), the scheduled jobs and the
 * open incidents, within Slack's 100 blocks per view; what does not fit is counted ("…and N more").
 *
 * @see <a href="https://api.slack.com/reference/surfaces/views">View limits</a>
 */
public final class HomeView {
    /** Blocks per Home view (Slack: 100 for Home tabs and modals). */
    public static final int BLOCKS = MessageLimits.VIEW_BLOCKS;

    /** Own pending requests shown with a Cancel button; the rest are counted. */
    static final int MINE = 5;

    /** Blocks for the job lines and for the incident lines, each (then "…and N more"). */
    static final int LIST_BLOCKS = 6;

    private static final DateTimeFormatter JOB_ZONE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z");

    private HomeView() {}

    /**
     * The Home of {@code user}.
     *
     * @param mayDecide ids of the open requests {@code user} may approve or reject now (checked again
     *     at the click, as in the channel)
     * @param notice a line for {@code user} alone at the top (e.g. why their last click on the Home
     *     was refused), or null
     */
    public static Message render(HomeData d, String user, Set<String> mayDecide, @Nullable String notice) {
        List<Block> top = new ArrayList<>();
        top.add(new Block.Header("cutover"));
        top.add(new Block.Context(
                "Last updated " + Mrkdwn.time(d.readAt()) + " · refreshed when something here changes while you look"));
        if (notice != null) {
            top.add(new Block.Section(Mrkdwn.cut(notice, MessageLimits.SECTION_TEXT)));
        }
        if (!d.problems().isEmpty()) {
            top.add(new Block.Context(Mrkdwn.cut(
                    ":warning: Could not read " + String.join(", ", d.problems())
                            + " (see the bot's log); what they would show is missing below.",
                    MessageLimits.SECTION_TEXT)));
        }
        List<Block> tail = new ArrayList<>();
        tail.add(new Block.Header("Your pending requests"));
        tail.addAll(mine(d, user));
        tail.add(new Block.Header("Scheduled jobs"));
        tail.addAll(lines(jobLines(d), "None configured.", "`/cron list` shows every job"));
        tail.add(new Block.Header("Open incidents"));
        tail.addAll(lines(incidentLines(d), "None.", "the alert channels show every incident"));
        List<Block> blocks = new ArrayList<>(top);
        blocks.add(new Block.Header("Swap pairs"));
        blocks.addAll(HomePairs.pairs(d.pairs(), mayDecide, BLOCKS - top.size() - 1 - tail.size()));
        blocks.addAll(tail);
        return new Message(
                "cutover: " + d.pairs().size() + " pairs, " + d.incidents().size() + " open incidents", blocks);
    }

    /** The viewer's pending requests and shifts, each with the channel's button that withdraws it. */
    private static List<Block> mine(HomeData d, String user) {
        List<List<Block>> mine = new ArrayList<>();
        for (HomeData.Pair p : d.pairs()) {
            ApprovalRequest r = p.request();
            if (r != null && r.state() == ApprovalState.PENDING && r.requester().equals(user)) {
                mine.add(List.of(
                        new Block.Section("*`" + r.pair() + "`* · " + HomePairs.requestLine(r)),
                        new Block.Actions(List.of(SwapMessages.cancelButton(r)))));
            }
            Shift s = p.shift();
            if (s != null && s.state() == ShiftState.PENDING && s.requester().equals(user)) {
                mine.add(List.of(
                        new Block.Section("*`" + s.pair() + "`* · " + HomePairs.shiftLine(s)),
                        new Block.Actions(ShiftMessages.buttons(s).stream()
                                .filter(b -> b.actionId().equals(ShiftMessages.ABORT))
                                .toList())));
            }
        }
        List<Block> out = new ArrayList<>();
        if (mine.isEmpty()) {
            out.add(new Block.Section("None."));
        }
        mine.subList(0, Math.min(MINE, mine.size())).forEach(out::addAll);
        if (mine.size() > MINE) {
            out.add(new Block.Context("…and " + (mine.size() - MINE) + " more — under *Swap pairs* above"));
        }
        return out;
    }

    private static List<String> jobLines(HomeData d) {
        List<String> lines = new ArrayList<>();
        for (HomeData.Job j : d.jobs()) {
            String state = !j.spec().enabled() ? " (disabled)" : j.paused() ? " :double_vertical_bar: paused" : "";
            String next = j.next()
                    .map(t -> JOB_ZONE.format(t.atZone(j.spec().zone())) + " (yours: " + Mrkdwn.time(t) + ")")
                    .orElse("none");
            String last = j.last().map(CronListing::result).orElse("never ran");
            HomeData.Running run = j.running();
            lines.add("• *" + j.spec().name() + "*" + state + " · next: " + next + " · last: " + Mrkdwn.escape(last)
                    + (run == null
                            ? ""
                            : " · :runner: running now on `" + Mrkdwn.escape(run.holder()) + "` (fencing token "
                                    + run.fencingToken() + ")"));
        }
        return lines;
    }

    private static List<String> incidentLines(HomeData d) {
        return d.incidents().stream().map(HomeView::incidentLine).toList();
    }

    private static String incidentLine(OpenIncident i) {
        // An alarm's level is its CloudWatch state: ALARM is as red as a critical queue.
        boolean red = i.level().equalsIgnoreCase("critical") || i.level().equals("ALARM");
        String icon = red ? ":red_circle:" : ":large_orange_circle:";
        MessageRef m = i.message();
        // Alarm names come from the alarm queue, not our config: bounded and escaped like user text.
        return "• " + icon + " *" + i.level() + "* " + i.kind() + " " + Mrkdwn.snippet(i.name()) + " since "
                + Mrkdwn.time(i.since())
                + (m == null ? "" : " · <" + m.archivesUrl() + "|message>");
    }

    private static List<Block> lines(List<String> lines, String none, String whereToSeeThem) {
        if (lines.isEmpty()) {
            return List.of(new Block.Section(none));
        }
        return Message.builder("")
                .lines(lines, LIST_BLOCKS, whereToSeeThem)
                .build()
                .blocks();
    }
}
