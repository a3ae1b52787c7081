package dev.cutover.app;

import dev.cutover.config.CutoverConfig;
import dev.cutover.core.alert.AlertPorts;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.traffic.ForwardRules;
import dev.cutover.jobs.JobPorts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The core ports a {@link Bot} is built from: all that differs between production ({@link
 * ProductionParts}), the sandbox ({@link SandboxWiring}) and the tests. Only ports and values: no
 * vendor client, and no null (a feature that is not configured is an empty {@link Optional}).
 *
 * @param config the loaded config (pairs, jobs, queues and services)
 * @param clock the clock for expiry, audit and schedule times
 * @param dns the hosted zones' records (Route 53, or the sandbox's)
 * @param store the approval store (Redis, or in memory for one instance)
 * @param audit the audit log
 * @param notifier posts and updates messages in channels (Slack's Web API)
 * @param directory resolves user groups to their members (Slack's {@code usergroups.users.list})
 * @param jobs where job locks, fire claims and history live and how job targets are made (see {@link
 *     JobWiring})
 * @param alerts what the queue, scaling and cutover monitors read ({@link AlertWiring#aws}); empty for
 *     no monitors
 * @param insyncTimeout how long an apply waits for Route 53 to report INSYNC
 * @param forwardRules the weights of load balancer forward actions ({@code alb-weighted} shifts);
 *     empty when this build has none
 * @param home where users' App Homes are published and who looked lately; empty for no Home
 */
public record BotPorts(
        CutoverConfig config,
        Clock clock,
        DnsRecords dns,
        ApprovalStore store,
        AuditLog audit,
        Notifier notifier,
        Directory directory,
        JobPorts jobs,
        Optional<AlertPorts> alerts,
        Duration insyncTimeout,
        Optional<ForwardRules> forwardRules,
        Optional<HomePorts> home) {}
