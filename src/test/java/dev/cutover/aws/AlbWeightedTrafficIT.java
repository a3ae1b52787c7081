package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.core.traffic.TrafficException;
import dev.cutover.core.traffic.Weights;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The {@code alb-weighted} backend through the real SDK client against WireMock speaking ELBv2's
 * Query protocol (form-encoded POST, XML responses): read, compare, write, read back.
 */
class AlbWeightedTrafficIT {
    static final String ACCOUNT = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    static final String LISTENER = ACCOUNT + "listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String RULE = ACCOUNT + "listener-rule/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    static final String BLUE = ACCOUNT + "targetgroup/api-blue/73e2d6bc24d8a067";
    static final String GREEN = ACCOUNT + "targetgroup/api-green/943f017f100becff";
    static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    ElasticLoadBalancingV2Client elb;
    AlbWeightedTraffic rule;

    @BeforeEach
    void setUp() {
        elb = AwsTestClients.elb(wm.getPort());
        rule = new AlbWeightedTraffic(elb, LISTENER, RULE, BLUE, GREEN);
    }

    @AfterEach
    void tearDown() {
        elb.close();
    }

    static String actions(int blue, int green) {
        return "<Actions><member><Type>forward</Type><Order>1</Order><ForwardConfig><TargetGroups>"
                + "<member><TargetGroupArn>" + BLUE + "</TargetGroupArn><Weight>" + blue + "</Weight></member>"
                + "<member><TargetGroupArn>" + GREEN + "</TargetGroupArn><Weight>" + green + "</Weight></member>"
                + "</TargetGroups><TargetGroupStickinessConfig><Enabled>false</Enabled></TargetGroupStickinessConfig>"
                + "</ForwardConfig></member></Actions>";
    }

    static String rules(String op, int blue, int green) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + op + "Response xmlns=\"" + NS + "\"><" + op
                + "Result><Rules><member><IsDefault>false</IsDefault><Priority>10</Priority>" + actions(blue, green)
                + "<RuleArn>" + RULE + "</RuleArn></member></Rules></" + op + "Result><ResponseMetadata><RequestId>"
                + "0b5a7a4e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></" + op + "Response>";
    }

    static String listeners(String op, int blue, int green) {
        String defaults = actions(blue, green)
                .replace("<Actions>", "<DefaultActions>")
                .replace("</Actions>", "</DefaultActions>");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + op + "Response xmlns=\"" + NS + "\"><" + op
                + "Result><Listeners><member><ListenerArn>" + LISTENER + "</ListenerArn><Port>443</Port>"
                + "<Protocol>HTTPS</Protocol>" + defaults + "</member></Listeners></" + op + "Result>"
                + "<ResponseMetadata><RequestId>0b5a7a4e-0000-4000-8000-000000000002</RequestId></ResponseMetadata></"
                + op + "Response>";
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withBody(body);
    }

    /** DescribeRules answers {@code before} until the first ModifyRule, {@code after} from then on. */
    void ruleWeights(Weights before, Weights after) {
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeRules"))
                .inScenario("rule")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(200, rules("DescribeRules", before.blue(), before.green()))));
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=ModifyRule"))
                .inScenario("rule")
                .willReturn(xml(200, rules("ModifyRule", after.blue(), after.green())))
                .willSetStateTo("modified"));
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeRules"))
                .inScenario("rule")
                .whenScenarioStateIs("modified")
                .willReturn(xml(200, rules("DescribeRules", after.blue(), after.green()))));
    }

    String onlyModifyBody(String op) {
        var posts = wm.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + op)));
        assertThat(posts).hasSize(1);
        return URLDecoder.decode(posts.get(0).getBodyAsString(), StandardCharsets.UTF_8);
    }

    @Test
    void readsBothTargetGroupsWeightsFromTheRulesForwardAction() {
        ruleWeights(new Weights(90, 10), new Weights(90, 10));

        assertThat(rule.read()).isEqualTo(new Weights(90, 10));
    }

    @Test
    void aWeightChangeModifiesTheRulesForwardConfigAndReadsItBack() {
        ruleWeights(new Weights(90, 10), new Weights(50, 50));

        rule.set(new Weights(90, 10), new Weights(50, 50), "step 2");

        String body = onlyModifyBody("ModifyRule");
        assertThat(body)
                .contains("RuleArn=" + RULE)
                .contains("Actions.member.1.Type=forward")
                .contains("Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn=" + BLUE)
                .contains("Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight=50")
                .contains("Actions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn=" + GREEN)
                .contains("Actions.member.1.ForwardConfig.TargetGroups.member.2.Weight=50")
                .contains("Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled=false");
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeRules")));
    }

    @Test
    void aReadBackThatDiffersFromTheWriteIsAMismatch() {
        ruleWeights(new Weights(90, 10), new Weights(70, 30));

        assertThatThrownBy(() -> rule.set(new Weights(90, 10), new Weights(50, 50), "step 2"))
                .isInstanceOfSatisfying(TrafficException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TrafficException.Kind.MISMATCH);
                    assertThat(e.getMessage())
                            .isEqualTo("the weights read back after the write are blue 70 / green 30, not the blue 50"
                                    + " / green 50 written: someone else changed them in between");
                });
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ModifyRule")));
    }

    @Test
    void weightsOtherThanExpectedAreRefusedWithoutAWrite() {
        ruleWeights(new Weights(70, 30), new Weights(70, 30));

        assertThatThrownBy(() -> rule.set(new Weights(90, 10), new Weights(50, 50), "step 2"))
                .isInstanceOfSatisfying(
                        TrafficException.class, e -> assertThat(e.kind()).isEqualTo(TrafficException.Kind.DRIFTED));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ModifyRule")));
    }

    @Test
    void withoutARuleTheListenersDefaultActionIsModified() {
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeListeners"))
                .inScenario("listener")
                .whenScenarioStateIs(STARTED)
                .willReturn(xml(200, listeners("DescribeListeners", 100, 0))));
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=ModifyListener"))
                .inScenario("listener")
                .willReturn(xml(200, listeners("ModifyListener", 90, 10)))
                .willSetStateTo("modified"));
        wm.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeListeners"))
                .inScenario("listener")
                .whenScenarioStateIs("modified")
                .willReturn(xml(200, listeners("DescribeListeners", 90, 10))));
        AlbWeightedTraffic listener = new AlbWeightedTraffic(elb, LISTENER, null, BLUE, GREEN);

        listener.set(new Weights(100, 0), new Weights(90, 10), "step 1");

        assertThat(onlyModifyBody("ModifyListener"))
                .contains("ListenerArn=" + LISTENER)
                .contains("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight=10");
    }

    @Test
    void anUnknownRuleIsNotFound() {
        wm.stubFor(post(urlEqualTo("/"))
                .willReturn(xml(
                        400,
                        "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>RuleNotFound</Code>"
                                + "<Message>One or more rules not found</Message></Error>"
                                + "<RequestId>0b5a7a4e-0000-4000-8000-000000000003</RequestId></ErrorResponse>")));

        assertThatThrownBy(rule::read)
                .isInstanceOfSatisfying(
                        TrafficException.class, e -> assertThat(e.kind()).isEqualTo(TrafficException.Kind.NOT_FOUND))
                .hasMessage("Elastic Load Balancing refused: RuleNotFound");
    }
}
