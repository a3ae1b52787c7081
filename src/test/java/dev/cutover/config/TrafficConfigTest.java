package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pair's {@code traffic:} binds with its defaults, and each wrong value names its file, line and key. */
class TrafficConfigTest {
    static final String PAIR =
            """
            pairs:
              - name: api
                zoneId: Z0000000000000000001
                blue: blue.example.com
                green: green.example.com
                approvers: [U0000000002]
            """;
    static final String ROUTE53 = PAIR
            + """
                traffic:
                  backend: route53-weighted
                  name: api.example.com
                  blue: api-blue
                  green: api-green
            """;
    static final String ALB = PAIR
            + """
                traffic:
                  backend: alb-weighted
                  listener: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2
                  blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-blue/73e2d6bc24d8a067
                  green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-green/943f017f100becff
            """;

    ConfigLoader loader = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get));

    String error(String yaml) {
        try {
            loader.parse("test.yml", yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void route53WeightedBindsWithTheDefaults() {
        TrafficConfig t =
                loader.parse("test.yml", ROUTE53).pair("api").orElseThrow().traffic();

        assertThat(t.backend()).isEqualTo(TrafficConfig.Backend.ROUTE53_WEIGHTED);
        assertThat(t.steps()).containsExactly(10, 50, 100);
        assertThat(t.bake()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.onAlarm()).isEqualTo(TrafficConfig.OnAlarm.REVERT);
        assertThat(t.scale()).isEqualTo(100);
    }

    @Test
    void aPairWithoutTrafficHasNone() {
        String plain = ROUTE53.substring(0, ROUTE53.indexOf("    traffic:"));

        assertThat(loader.parse("test.yml", plain).pair("api").orElseThrow().traffic())
                .isNull();
    }

    @Test
    void albWeightedBindsWithItsListenerAndExplicitSettings() {
        TrafficConfig t = loader.parse(
                        "test.yml",
                        ALB + "      steps: [5, 25, 100]\n      bake: 90s\n      onAlarm: halt\n      scale: 999\n")
                .pair("api")
                .orElseThrow()
                .traffic();

        assertThat(t.backend()).isEqualTo(TrafficConfig.Backend.ALB_WEIGHTED);
        assertThat(t.rule()).isNull();
        assertThat(t.steps()).isEqualTo(List.of(5, 25, 100));
        assertThat(t.bake()).isEqualTo(Duration.ofSeconds(90));
        assertThat(t.onAlarm()).isEqualTo(TrafficConfig.OnAlarm.HALT);
    }

    @Test
    void stepsMustIncrease() {
        assertThat(error(ROUTE53 + "      steps: [10, 50, 50]\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.steps[2]: steps must increase: 50 after 50");
    }

    @Test
    void aStepAboveAHundredPercentIsRefused() {
        assertThat(error(ROUTE53 + "      steps: [10, 150]\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.steps[1]: must be a percent from 1 to 100");
    }

    @Test
    void theScaleIsBoundByTheBackendsHighestWeight() {
        assertThat(error(ROUTE53 + "      scale: 256\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.scale: must be 1 to 255 (the highest route53-weighted"
                        + " weight)");
        assertThat(error(ALB + "      scale: 1000\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.scale: must be 1 to 999 (the highest alb-weighted weight)");
        assertThat(loader.parse("test.yml", ALB + "      scale: 999\n")
                        .pair("api")
                        .orElseThrow()
                        .traffic()
                        .scale())
                .isEqualTo(999);
    }

    @Test
    void anUnknownOnAlarmListsTheChoices() {
        assertThat(error(ROUTE53 + "      onAlarm: ignore\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.onAlarm: expected one of: halt, revert");
    }

    @Test
    void albNeedsAListenerArn() {
        assertThat(error(ALB.replaceAll("      listener: .*\n", "")))
                .startsWith("test.yml:7: pairs[0].traffic.listener: required: a listener ARN");
    }

    @Test
    void route53NeedsTheRecordName() {
        assertThat(error(ROUTE53.replace("      name: api.example.com\n", "")))
                .isEqualTo("test.yml:7: pairs[0].traffic.name: required for route53-weighted: the weighted records'"
                        + " name");
    }

    @Test
    void aBakeOfLessThanASecondIsRefused() {
        assertThat(error(ROUTE53 + "      bake: 500ms\n"))
                .isEqualTo("test.yml:12: pairs[0].traffic.bake: must be between 1s and 24h");
    }
}
