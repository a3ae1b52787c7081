package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A job's {@code target:}, chosen by its {@code type:}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobTargetConfig.EcsTask.class, name = "ecs-task"),
    @JsonSubTypes.Type(value = JobTargetConfig.StepFunctions.class, name = "step-functions"),
    @JsonSubTypes.Type(value = JobTargetConfig.Http.class, name = "http"),
    @JsonSubTypes.Type(value = JobTargetConfig.Command.class, name = "command")
})
public sealed interface JobTargetConfig {
    /** The {@code type:} value. */
    String type();

    /**
     * An ECS task run to completion (RunTask, then DescribeTasks until STOPPED).
     *
     * @param cluster the cluster name or ARN
     * @param taskDefinition {@code family[:revision]} or ARN
     * @param capacityProviders the capacity provider strategy, e.g. FARGATE_SPOT weight 1 and FARGATE
     *     base 0 weight 0 as fallback; empty means launch type FARGATE
     * @param subnets awsvpc subnet IDs (required)
     * @param securityGroups awsvpc security group IDs
     * @param assignPublicIp whether the task gets a public IP (default false)
     * @param container the essential container: the one whose command is overridden and whose exit
     *     code is the result
     * @param command the container command override, as an argv list; empty keeps the image's
     * @param environment extra environment for the container
     * @param logStreamPrefix the awslogs stream prefix, so notices can name the log stream
     *     ({@code prefix/container/task-id}); null when unknown
     */
    record EcsTask(
            String cluster,
            String taskDefinition,
            List<CapacityProvider> capacityProviders,
            List<String> subnets,
            List<String> securityGroups,
            Boolean assignPublicIp,
            String container,
            List<String> command,
            Map<String, String> environment,
            String logStreamPrefix)
            implements JobTargetConfig {
        public EcsTask {
            require("cluster", cluster);
            require("taskDefinition", taskDefinition);
            require("container", container);
            capacityProviders = capacityProviders == null ? List.of() : List.copyOf(capacityProviders);
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            if (subnets.isEmpty()) {
                throw ConfigException.invalid("subnets", "required; at least one subnet ID (awsvpc network mode)");
            }
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
            assignPublicIp = assignPublicIp != null && assignPublicIp;
            command = command == null ? List.of() : List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        @Override
        public String type() {
            return "ecs-task";
        }
    }

    /**
     * One entry of an ECS capacity provider strategy (ECS API {@code CapacityProviderStrategyItem}).
     *
     * @param provider e.g. {@code FARGATE_SPOT} or {@code FARGATE}
     * @param weight relative share (default 1)
     * @param base tasks placed on this provider first (default 0)
     */
    record CapacityProvider(String provider, Integer weight, Integer base) {
        public CapacityProvider {
            require("provider", provider);
            weight = weight == null ? 1 : weight;
            base = base == null ? 0 : base;
        }
    }

    /**
     * A Step Functions execution run to a final status.
     *
     * @param stateMachineArn the state machine
     * @param input the execution input (a mapping); the fire identity and fencing token are added
     *     under {@code cutover}
     * @param pollInterval how often DescribeExecution is called (default 5s)
     */
    record StepFunctions(String stateMachineArn, JsonNode input, Duration pollInterval) implements JobTargetConfig {
        public StepFunctions {
            if (stateMachineArn == null || !stateMachineArn.startsWith("arn:aws")) {
                throw ConfigException.invalid(
                        "stateMachineArn", "required; arn:aws:states:<region>:<account>:stateMachine:<name>");
            }
            if (input != null && !input.isObject()) {
                throw ConfigException.invalid("input", "expected a mapping (it becomes a JSON object)");
            }
            pollInterval = SchedulerSettings.positive("pollInterval", pollInterval, Duration.ofSeconds(5));
        }

        @Override
        public String type() {
            return "step-functions";
        }
    }

    /**
     * An HTTP request; any 2xx is success.
     *
     * @param method the method (default POST)
     * @param url the URL
     * @param headers extra headers
     * @param body the request body, or null
     */
    record Http(String method, URI url, Map<String, String> headers, String body) implements JobTargetConfig {
        public Http {
            method = method == null ? "POST" : method.strip().toUpperCase();
            if (!method.matches("GET|POST|PUT|PATCH|DELETE")) {
                throw ConfigException.invalid("method", "one of GET, POST, PUT, PATCH, DELETE");
            }
            if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
                throw ConfigException.invalid("url", "required; an http(s) URL");
            }
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /**
     * A local process, for the sandbox and development.
     *
     * @param command the argv list, e.g. {@code [php, artisan, some:job, --no-interaction]}
     * @param workingDirectory where it runs, or null for the bot's directory
     * @param environment extra environment
     */
    record Command(List<String> command, String workingDirectory, Map<String, String> environment)
            implements JobTargetConfig {
        public Command {
            if (command == null || command.isEmpty()) {
                throw ConfigException.invalid("command", "required; an argv list such as [php, artisan, some:job]");
            }
            command = List.copyOf(command);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        @Override
        public String type() {
            return "command";
        }
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw ConfigException.invalid(key, "required");
        }
    }
}
