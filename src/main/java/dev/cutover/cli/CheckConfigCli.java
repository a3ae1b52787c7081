package dev.cutover.cli;

import dev.cutover.config.ConfigException;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.JobSchedules;
import dev.cutover.config.SlackSettings;
import dev.cutover.config.SwapPairConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check-config}: validates a config file and prints what it defines; exit 2 when invalid. */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description =
                "Validate a config file and print what it defines. Exit status 2 names the file, line and key of a problem.")
public final class CheckConfigCli implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CutoverConfig c;
        try {
            c = config.load(JobSchedules::checkForCheckConfig);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("config error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println(config.source() + ": OK");
        describe(c, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** Prints a summary of {@code c}, secrets hidden. */
    static void describe(CutoverConfig c, PrintWriter out) {
        pairs(c, out);
        out.println("jobs: " + c.jobs().size()
                + (c.jobs().isEmpty()
                        ? ""
                        : ", scheduler store " + c.scheduler().store()));
        c.jobs().forEach(j -> out.println("  " + j.describe()));
        alerts(c, out);
        alarms(c, out);
    }

    private static void alerts(CutoverConfig c, PrintWriter out) {
        out.println("alerts: channel "
                + (c.alerts().channel() == null
                        ? "(none; each queue and service names its own)"
                        : c.alerts().channel()) + ", " + c.queues().size() + " queue(s), "
                + c.services().size()
                + " service(s), cutover watch " + c.alerts().cutover().window().toMinutes() + " min over "
                + c.alerts().cutover().sides().size() + " side(s)");
        c.queues()
                .forEach(q -> out.println("  queue " + q.queue() + ": "
                        + q.steps().size() + " step(s), every "
                        + q.pollInterval().toSeconds() + " s, " + q.consecutivePolls() + " poll(s) must agree, channel "
                        + q.channel() + (q.pair() != null ? ", pair " + q.pair() : "")));
        c.services()
                .forEach(v -> out.println("  service " + v.cluster() + "/" + v.service() + ": channel " + v.channel()
                        + (v.policy() != null ? ", step policy over queue " + v.queue() : "")
                        + (v.pair() != null ? ", pair " + v.pair() : "")));
        c.alerts()
                .cutover()
                .sides()
                .forEach(side ->
                        out.println("  cutover side " + side.target() + ": target group " + side.targetGroup()));
    }

    private static void pairs(CutoverConfig c, PrintWriter out) {
        out.println("slack: mode " + c.slack().mode().name().toLowerCase() + ", Web API "
                + c.slack().apiBaseUrl()
                + (c.slack().mode() == SlackSettings.Mode.HTTP
                        ? ", HTTP port " + c.slack().httpPort()
                        : "")
                + "; ops port " + c.ops().port() + " (/healthz, /readyz, /metrics)");
        out.println("aws: region " + c.aws().region()
                + (c.aws().endpointOverride() != null ? ", endpoint " + c.aws().endpointOverride() : "")
                + (c.aws().roleArn() != null ? ", assumes " + c.aws().roleArn() : ""));
        out.println("store: "
                + (c.redis().enabled()
                        ? "redis at " + c.redis().displayUrl() + (c.redis().cluster() ? " (cluster)" : "")
                        : "in-process (single instance only)"));
        out.println("pairs: " + c.pairs().size());
        for (SwapPairConfig p : c.pairs()) {
            out.println("  " + p.name() + ": " + p.blue() + " <-> " + p.green() + " in zone " + p.zoneId());
            out.println("    approvers " + p.approvers() + ", " + p.requiredApprovals() + " approval(s) needed, expiry "
                    + p.expiry().toMinutes() + " min" + (p.breakGlass() ? ", break-glass allowed" : ""));
            out.println("    requesters " + (p.requesters().isEmpty() ? "anyone" : p.requesters()) + ", channels "
                    + (p.channels().isEmpty() ? "any" : p.channels()));
            if (p.traffic() != null
                    && p.traffic().greenSide(c.alerts().cutover()).isEmpty()) {
                // Without green's metrics no bake confirms its health: every step waits for an approver.
                out.println("    warning: traffic: green " + p.traffic().green()
                        + " has no alerts.cutover side (its metrics): /shift cannot confirm green's health,"
                        + " so no step is promoted without an approver's Promote now");
            }
            if (!p.guardAlarms().isEmpty()) {
                out.println("    guard alarms " + p.guardAlarms()
                        + (p.rollbackOnAlarm() ? ", rollback on alarm (pre-approved)" : ", Roll back button on alarm"));
            }
        }
    }

    private static void alarms(CutoverConfig c, PrintWriter out) {
        if (c.alarms().routes().isEmpty() && c.alarms().queue() == null) {
            return;
        }
        out.println("alarms: "
                + (c.alarms().queue() == null
                        ? "no queue (nothing read)"
                        : "queue " + c.alarms().queue()) + ", "
                + c.alarms().routes().size() + " route(s)");
        c.alarms()
                .routes()
                .forEach(r -> out.println("  alarm " + r.alarm() + (r.exact() ? "" : " (prefix)") + ": channel "
                        + r.channel() + (r.pair() != null ? ", pair " + r.pair() : "")));
    }
}
