package dev.cutover.deploy;

import static dev.cutover.deploy.Defaults.OPS_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.cli.ConfigOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The deploy examples parse (strictly: no duplicate keys, nothing after the document) and say what
 * the bot needs: on ECS Fargate a non-root, read-only container with a writable /tmp, SIGKILL only
 * after the shutdown grace, the Dockerfile's health check on the ops port, secrets by reference and
 * awslogs; on Kubernetes the same, with liveness and readiness probes and a Service for HTTP mode.
 */
class DeployExamplesTest {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Names an environment variable must not have in plain text: those go in {@code secrets}. */
    static final String SECRET_NAME = ".*(TOKEN|SECRET|PASSWORD|KEY).*";

    static JsonNode json(String path) throws IOException {
        return JSON.readTree(Path.of(path).toFile());
    }

    static JsonNode yaml(String path) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(Path.of(path).toFile())) {
            it.forEachRemaining(docs::add);
        }
        assertThat(docs).as(path).hasSize(1);
        return docs.get(0);
    }

    @Test
    void theEcsTaskIsAFargateNonRootReadOnlyContainerThatStopsWithinItsGrace() throws IOException {
        JsonNode task = json("deploy/ecs/task-definition.json");
        assertThat(task.path("requiresCompatibilities").toString()).contains("\"FARGATE\"");
        assertThat(task.path("networkMode").asText()).isEqualTo("awsvpc");
        assertThat(task.path("executionRoleArn").asText()).startsWith("arn:aws:iam::");
        assertThat(task.path("taskRoleArn").asText()).startsWith("arn:aws:iam::");
        assertThat(task.path("containerDefinitions")).hasSize(1);
        JsonNode c = task.path("containerDefinitions").get(0);

        assertThat(c.path("essential").asBoolean()).isTrue();
        List<DockerfileInstructions.Instruction> users =
                DockerfileInstructions.read().finalStage().of("USER");
        assertThat(c.path("user").asText())
                .isEqualTo(users.get(users.size() - 1).args());
        assertThat(c.path("readonlyRootFilesystem").asBoolean()).isTrue();
        Set<String> volumes = new HashSet<>();
        task.path("volumes").forEach(v -> {
            assertThat(v.has("host")).as("Fargate: task storage, no host path").isFalse();
            volumes.add(v.path("name").asText());
        });
        assertThat(c.path("mountPoints")).anySatisfy(m -> {
            assertThat(m.path("containerPath").asText()).isEqualTo("/tmp");
            assertThat(volumes).contains(m.path("sourceVolume").asText());
            assertThat(m.path("readOnly").asBoolean()).isFalse();
        });

        assertThat(c.path("stopTimeout").asLong())
                .isEqualTo(Defaults.stopSeconds())
                .isLessThanOrEqualTo(120);
        assertThat(c.path("portMappings").findValuesAsText("containerPort")).contains(String.valueOf(OPS_PORT));
        // tini in the image is PID 1; a second init from ECS would only warn that tini is not PID 1.
        assertThat(c.path("linuxParameters").path("initProcessEnabled").asBoolean())
                .isFalse();
    }

    /**
     * The image holds no config (only the example), so the task must hand it over: the whole YAML
     * in {@code CUTOVER_CONFIG_YAML} from an SSM parameter, which the image's default command reads
     * (it names no file).
     */
    @Test
    void theEcsTaskGivesTheBotItsConfigFromAnSsmParameter() throws IOException {
        JsonNode c = json("deploy/ecs/task-definition.json")
                .path("containerDefinitions")
                .get(0);
        assertThat(c.path("secrets")).anySatisfy(secret -> {
            assertThat(secret.path("name").asText()).isEqualTo(ConfigOption.ENV);
            assertThat(secret.path("valueFrom").asText()).matches("arn:aws:ssm:[a-z0-9-]+:\\d{12}:parameter/.+");
        });
        assertThat(c.path("environment").findValuesAsText("name")).doesNotContain(ConfigOption.ENV);
        assertThat(c.has("command")).as("the image's CMD reads the variable").isFalse();
        List<String> cmd = DockerfileTest.only(
                        DockerfileInstructions.read().finalStage().of("CMD"))
                .execForm("");
        assertThat(cmd).containsExactly("serve");
    }

    @Test
    void theEcsHealthCheckIsTheDockerfiles() throws IOException {
        JsonNode check = json("deploy/ecs/task-definition.json")
                .path("containerDefinitions")
                .get(0)
                .path("healthCheck");
        DockerfileInstructions.Instruction dockerCheck =
                DockerfileTest.only(DockerfileInstructions.read().finalStage().of("HEALTHCHECK"));
        String options = dockerCheck
                .args()
                .substring(0, dockerCheck.args().indexOf("CMD"))
                .strip();
        List<String> expected = new ArrayList<>(List.of("CMD"));
        expected.addAll(dockerCheck.execForm(options + " CMD"));
        assertThat(texts(check.path("command"))).isEqualTo(expected);
        assertThat(check.path("startPeriod").asInt()).isPositive();
    }

    @Test
    void ecsSecretsComeByReferenceAndLogsGoToCloudWatch() throws IOException {
        JsonNode c = json("deploy/ecs/task-definition.json")
                .path("containerDefinitions")
                .get(0);
        assertThat(c.path("secrets").findValuesAsText("name")).contains("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN");
        assertThat(c.path("secrets").findValuesAsText("valueFrom"))
                .allMatch(v -> v.matches("arn:aws:(secretsmanager|ssm):[a-z0-9-]+:\\d{12}:(secret|parameter)[:/].+"));
        assertThat(c.path("environment").findValuesAsText("name")).noneMatch(n -> n.matches(SECRET_NAME));
        assertThat(c.path("environment").toString()).contains("{\"name\":\"CUTOVER_LOG_FORMAT\",\"value\":\"json\"}");
        JsonNode logs = c.path("logConfiguration");
        assertThat(logs.path("logDriver").asText()).isEqualTo("awslogs");
        assertThat(logs.path("options").has("awslogs-group")).isTrue();
        assertThat(logs.path("options").has("awslogs-region")).isTrue();
        assertThat(logs.path("options").has("awslogs-stream-prefix")).isTrue();
    }

    @Test
    void theKubernetesDeploymentProbesTheOpsPortAndStopsWithinItsGrace() throws IOException {
        JsonNode d = yaml("deploy/k8s/deployment.yaml");
        assertThat(d.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(d.path("kind").asText()).isEqualTo("Deployment");
        assertThat(d.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(d.path("spec").path("template").path("metadata").path("labels"));
        JsonNode pod = d.path("spec").path("template").path("spec");
        assertThat(pod.path("terminationGracePeriodSeconds").asLong()).isEqualTo(Defaults.stopSeconds());
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(pod.path("containers")).hasSize(1);
        JsonNode c = pod.path("containers").get(0);

        String ops = portName(c, OPS_PORT);
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/healthz");
        assertThat(c.path("livenessProbe").path("httpGet").path("port").asText())
                .isEqualTo(ops);
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        assertThat(c.path("readinessProbe").path("httpGet").path("port").asText())
                .isEqualTo(ops);
        assertThat(portName(c, Defaults.httpPort())).isNotEmpty();

        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                .isFalse();
        assertThat(c.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        assertThat(c.path("env").toString()).contains("{\"name\":\"CUTOVER_LOG_FORMAT\",\"value\":\"json\"}");
        for (JsonNode env : c.path("env")) {
            if (env.path("name").asText().matches(SECRET_NAME)) {
                assertThat(env.has("value")).as(env.toString()).isFalse();
                assertThat(env.path("valueFrom").has("secretKeyRef"))
                        .as(env.toString())
                        .isTrue();
            }
        }
    }

    @Test
    void theKubernetesServiceSendsSlacksRequestsToTheHttpModePort() throws IOException {
        JsonNode d = yaml("deploy/k8s/deployment.yaml");
        JsonNode s = yaml("deploy/k8s/service.yaml");
        assertThat(s.path("kind").asText()).isEqualTo("Service");
        JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
        s.path("spec").path("selector").fields().forEachRemaining(e -> assertThat(
                        labels.path(e.getKey()).asText())
                .isEqualTo(e.getValue().asText()));
        String http = portName(
                d.path("spec").path("template").path("spec").path("containers").get(0), Defaults.httpPort());
        assertThat(s.path("spec").path("ports").findValuesAsText("targetPort")).containsExactly(http);
    }

    /** The name of {@code container}'s port {@code port}. */
    static String portName(JsonNode container, int port) {
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .filter(p -> p.path("containerPort").asInt() == port)
                .map(p -> p.path("name").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + port + " in " + container.path("ports")));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
