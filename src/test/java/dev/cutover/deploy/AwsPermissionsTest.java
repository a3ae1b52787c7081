package dev.cutover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/iam/policy.json} grants exactly the AWS actions the code calls, statement by
 * feature, and the README's "AWS permissions" section lists the same. The calls are read from the
 * compiled classes (outside the sandbox): every call on an SDK client ({@code ecsClient.runTask} is
 * {@code ecs:RunTask}; an operation is a method whose {@code <Op>Request} model class exists), every
 * SDK waiter (the operation it polls, from its request type) and every STS credentials provider
 * ({@code StsAssumeRoleCredentialsProvider} is {@code sts:AssumeRole}). A new call without a policy
 * line, or a policy line nothing calls, fails here.
 */
class AwsPermissionsTest {
    static final Path POLICY = Path.of("deploy/iam/policy.json");
    private static final Pattern SDK_PACKAGE =
            Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(\\w+)(\\.(waiters|auth))?");

    /** The IAM service prefix of each SDK service package the code uses. */
    static final Map<String, String> IAM_PREFIX = Map.of(
            "route53", "route53",
            "sqs", "sqs",
            "cloudwatch", "cloudwatch",
            "ecs", "ecs",
            "sfn", "states",
            "applicationautoscaling", "application-autoscaling",
            "sts", "sts",
            "elasticloadbalancingv2", "elasticloadbalancing");

    /** Which feature each class that calls AWS belongs to; a policy statement's Sid starts with its feature. */
    static final Map<String, String> FEATURE = Map.of(
            "Route53DnsRecords", "Swap",
            "CloudWatchMetricReader", "Alerts",
            "SqsQueueDepth", "Alerts",
            "SqsAlarmInbox", "Alarms",
            "EcsServiceStatus", "Alerts",
            "AutoScalingHistory", "Alerts",
            "EcsTaskTarget", "Jobs",
            "StepFunctionsTarget", "Jobs",
            "AlbWeightedTraffic", "Shift",
            "AwsClients", "Credentials");

    /**
     * Actions a feature needs that are no API call of its own: RunTask with a task definition that
     * has a task or execution role makes ECS check {@code iam:PassRole} on the caller.
     */
    static final Map<String, Set<String>> AUTHORIZATION_ONLY = Map.of("Jobs", Set.of("iam:PassRole"));

    static Map<String, Set<String>> calledByClass;

    @BeforeAll
    static void scan() {
        calledByClass = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover")) {
            if (c.getPackageName().startsWith("dev.cutover.sandbox")) {
                continue; // the simulated account implements the clients; it calls nothing in AWS
            }
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                action(call).ifPresent(a -> calledByClass
                        .computeIfAbsent(topLevel(c).getSimpleName(), k -> new TreeSet<>())
                        .add(a));
            }
        }
    }

    static JavaClass topLevel(JavaClass c) {
        return c.getEnclosingClass().map(AwsPermissionsTest::topLevel).orElse(c);
    }

    /** The IAM action {@code call} needs, if it is an AWS operation. */
    static Optional<String> action(JavaMethodCall call) {
        JavaClass owner = call.getTargetOwner();
        Matcher m = SDK_PACKAGE.matcher(owner.getPackageName());
        if (!m.matches()) {
            return Optional.empty();
        }
        String service = m.group(1);
        String kind = m.group(3);
        String method = call.getName();
        Optional<String> operation;
        if ("auth".equals(kind)) {
            // StsAssumeRoleCredentialsProvider → AssumeRole: the provider calls it to get credentials.
            Matcher p = Pattern.compile("Sts(\\w+)CredentialsProvider").matcher(owner.getSimpleName());
            operation = p.matches() ? Optional.of(p.group(1)) : Optional.empty();
        } else if ("waiters".equals(kind)) {
            operation = waitedOperation(owner, method);
        } else {
            String op = Character.toUpperCase(method.charAt(0))
                    + method.substring(1).replaceFirst("Paginator$", "");
            operation = modelClass(service, op + "Request").map(x -> op);
        }
        return operation.map(op -> {
            String prefix = IAM_PREFIX.get(service);
            assertThat(prefix)
                    .as("the IAM service prefix of SDK package %s (called by %s): add it to IAM_PREFIX", service, call)
                    .isNotNull();
            return prefix + ":" + op;
        });
    }

    /** The operation a waiter method polls: the {@code <Op>Request} type one of its overloads takes. */
    static Optional<String> waitedOperation(JavaClass waiter, String method) {
        if (!method.startsWith("waitUntil")) {
            return Optional.empty();
        }
        return Arrays.stream(waiter.reflect().getMethods())
                .filter(x -> x.getName().equals(method))
                .map(Method::getParameterTypes)
                .flatMap(Arrays::stream)
                .map(Class::getSimpleName)
                .filter(n -> n.endsWith("Request"))
                .map(n -> n.substring(0, n.length() - "Request".length()))
                .findFirst();
    }

    static Optional<Class<?>> modelClass(String service, String simpleName) {
        try {
            return Optional.of(Class.forName("software.amazon.awssdk.services." + service + ".model." + simpleName));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The policy's actions by feature (the Sid's leading word). */
    static Map<String, Set<String>> policyByFeature() throws IOException {
        JsonNode policy = DeployExamplesTest.JSON.readTree(POLICY.toFile());
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        Map<String, Set<String>> out = new TreeMap<>();
        Set<String> sids = new HashSet<>();
        for (JsonNode s : policy.path("Statement")) {
            String sid = s.path("Sid").asText();
            assertThat(sids.add(sid)).as("unique Sid %s", sid).isTrue();
            assertThat(s.path("Effect").asText()).isEqualTo("Allow");
            assertThat(s.path("Resource").isMissingNode()).as(sid).isFalse();
            String feature = new HashSet<>(FEATURE.values())
                    .stream()
                            .filter(sid::startsWith)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(
                                    "Sid " + sid + " starts with no feature of " + FEATURE.values()));
            s.path("Action").forEach(a -> out.computeIfAbsent(feature, k -> new TreeSet<>())
                    .add(a.asText()));
        }
        return out;
    }

    @Test
    void thePolicyGrantsExactlyWhatTheCodeCallsFeatureByFeature() throws IOException {
        assertThat(FEATURE.keySet())
                .as("every class that calls AWS has a feature (add a new one to FEATURE and to the policy)")
                .containsAll(calledByClass.keySet());
        Map<String, Set<String>> called = new TreeMap<>();
        calledByClass.forEach((c, actions) ->
                called.computeIfAbsent(FEATURE.get(c), k -> new TreeSet<>()).addAll(actions));
        AUTHORIZATION_ONLY.forEach(
                (f, actions) -> called.computeIfAbsent(f, k -> new TreeSet<>()).addAll(actions));

        assertThat(policyByFeature()).isEqualTo(called);
        // The scan sees through waiters and credentials providers, not only direct calls.
        assertThat(calledByClass.get("Route53DnsRecords")).contains("route53:GetChange");
        assertThat(calledByClass.get("EcsTaskTarget")).contains("ecs:DescribeTasks");
        assertThat(calledByClass.get("AwsClients")).containsExactly("sts:AssumeRole");
    }

    @Test
    void theReadmeListsThePolicysActions() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## AWS permissions\n");
        assertThat(start).as("README section 'AWS permissions'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z0-9-]+:[A-Z][A-Za-z]+)`").matcher(section);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> granted = new TreeSet<>();
        policyByFeature().values().forEach(granted::addAll);
        assertThat(listed).isEqualTo(granted);
        assertThat(section).contains("deploy/iam/policy.json");
    }
}
