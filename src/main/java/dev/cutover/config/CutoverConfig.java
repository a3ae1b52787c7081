package dev.cutover.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration file; every section is optional and has defaults.
 *
 * @param slack how to reach Slack
 * @param aws region, endpoint override and role
 * @param redis the shared store; none means in-process, for a single instance
 * @param pairs the swap pairs, by name
 * @param sandbox users and groups of the local sandbox
 * @param scheduler how scheduled jobs are stored and run
 * @param jobs the scheduled jobs, by name; each with {@code scheduler:}'s defaults filled in
 * @param queues the SQS queues whose backlog is watched, each with its channel filled in
 * @param services the ECS services whose scaling is reported, each with its channel filled in
 * @param alerts the default alert channel and the cutover watch
 * @param shutdown how long {@code serve} takes to stop on SIGTERM
 * @param ops the operations port (health, readiness, metrics)
 * @param alarms CloudWatch alarms read from SQS, each route with its channel filled in
 */
public record CutoverConfig(
        SlackSettings slack,
        AwsSettings aws,
        RedisSettings redis,
        List<SwapPairConfig> pairs,
        SandboxSettings sandbox,
        SchedulerSettings scheduler,
        List<JobConfig> jobs,
        List<QueueConfig> queues,
        List<ServiceConfig> services,
        AlertSettings alerts,
        ShutdownSettings shutdown,
        OpsSettings ops,
        AlarmSettings alarms) {
    public CutoverConfig {
        sandbox = sandbox == null ? SandboxSettings.defaults() : sandbox;
        slack = slack == null ? SlackSettings.defaults() : slack;
        aws = aws == null ? AwsSettings.defaults() : aws;
        redis = redis == null ? new RedisSettings(null) : redis;
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (!names.add(pairs.get(i).name())) {
                throw ConfigException.invalid(
                        "pairs[" + i + "].name",
                        "duplicate pair name " + pairs.get(i).name());
            }
        }
        scheduler = scheduler == null ? SchedulerSettings.defaults() : scheduler;
        jobs = jobs == null ? List.of() : jobs.stream().map(scheduler::applyTo).toList();
        Set<String> jobNames = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (!jobNames.add(jobs.get(i).name())) {
                throw ConfigException.invalid(
                        "jobs[" + i + "].name",
                        "duplicate job name " + jobs.get(i).name());
            }
        }
        alerts = alerts == null ? AlertSettings.defaults() : alerts;
        queues = AlertConfigs.queues(queues, alerts, names);
        services = AlertConfigs.services(services, alerts, names, queues);
        shutdown = shutdown == null ? ShutdownSettings.defaults() : shutdown;
        ops = ops == null ? OpsSettings.defaults() : ops;
        alarms = (alarms == null ? AlarmSettings.defaults() : alarms).checked(alerts, names);
        Optional<String> queueRegion = alarms.regionOf();
        if (queueRegion.isPresent() && !queueRegion.get().equals(aws.region()) && aws.endpointOverride() == null) {
            throw ConfigException.invalid(
                    "alarms.queue",
                    "the queue is in " + queueRegion.get() + " but the bot's SQS client is in aws.region "
                            + aws.region() + "; use a queue in that region");
        }
        for (int i = 0; i < pairs.size(); i++) {
            List<String> guards = pairs.get(i).guardAlarms();
            for (int j = 0; j < guards.size(); j++) {
                if (alarms.route(guards.get(j)).isEmpty()) {
                    throw ConfigException.invalid(
                            "pairs[" + i + "].guardAlarms[" + j + "]",
                            "no alarms.routes entry matches " + guards.get(j) + "; add one so its changes are read");
                }
            }
        }
        if (scheduler.shutdownTimeoutGiven()
                && scheduler.shutdownTimeout().plusSeconds(5).compareTo(shutdown.grace()) > 0) {
            throw ConfigException.invalid(
                    "scheduler.shutdownTimeout",
                    "must end at least 5 s before shutdown.grace ("
                            + shutdown.grace().toSeconds()
                            + " s), so that running jobs are stopped and their locks freed before the process"
                            + " is killed");
        }
        scheduler = scheduler.within(shutdown.grace());
    }

    /** The job called {@code name}, if configured. */
    public Optional<JobConfig> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** This config with other Slack and Redis settings (the sandbox points Slack at itself, Redis nowhere). */
    public CutoverConfig with(SlackSettings newSlack, RedisSettings newRedis) {
        return new CutoverConfig(
                newSlack, aws, newRedis, pairs, sandbox, scheduler, jobs, queues, services, alerts, shutdown, ops,
                alarms);
    }

    /** This config with other {@code alarms:} (the sandbox reads no alarm queue). */
    public CutoverConfig withAlarms(AlarmSettings newAlarms) {
        return new CutoverConfig(
                slack, aws, redis, pairs, sandbox, scheduler, jobs, queues, services, alerts, shutdown, ops, newAlarms);
    }

    /** The pair called {@code name}, if configured. */
    public Optional<SwapPairConfig> pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
