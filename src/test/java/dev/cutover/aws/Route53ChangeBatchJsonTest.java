package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.dns.AliasTarget;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class Route53ChangeBatchJsonTest {
    static final SwapPair PAIR = new SwapPair("api", "Z0SANDBOX00000000001", "blue.example.com", "green.example.com");
    static final AliasTarget BLUE_ALB =
            new AliasTarget("Z35SXDOTRQ7X7K", "dualstack.blue-alb-1234567890.us-east-1.elb.amazonaws.com.", true);

    @Test
    void rendersAnAliasAndAPlainSwapAsTheCliAcceptsIt() {
        RecordSet blue = RecordSet.alias("blue.example.com.", "A", BLUE_ALB);
        RecordSet green = RecordSet.plain("green.example.com.", "A", 60, List.of("192.0.2.10", "192.0.2.11"));
        SwapPlan plan = new SwapPlan(PAIR, List.of(blue), List.of(green));

        assertThat(Route53ChangeBatchJson.render("swap api by U0000000001", plan.changes()))
                .isEqualTo(
                        """
                        {
                          "Comment": "swap api by U0000000001",
                          "Changes": [
                            {
                              "Action": "DELETE",
                              "ResourceRecordSet": {
                                "Name": "blue.example.com.",
                                "Type": "A",
                                "AliasTarget": {
                                  "HostedZoneId": "Z35SXDOTRQ7X7K",
                                  "DNSName": "dualstack.blue-alb-1234567890.us-east-1.elb.amazonaws.com.",
                                  "EvaluateTargetHealth": true
                                }
                              }
                            },
                            {
                              "Action": "DELETE",
                              "ResourceRecordSet": {
                                "Name": "green.example.com.",
                                "Type": "A",
                                "TTL": 60,
                                "ResourceRecords": [
                                  {
                                    "Value": "192.0.2.10"
                                  },
                                  {
                                    "Value": "192.0.2.11"
                                  }
                                ]
                              }
                            },
                            {
                              "Action": "CREATE",
                              "ResourceRecordSet": {
                                "Name": "blue.example.com.",
                                "Type": "A",
                                "TTL": 60,
                                "ResourceRecords": [
                                  {
                                    "Value": "192.0.2.10"
                                  },
                                  {
                                    "Value": "192.0.2.11"
                                  }
                                ]
                              }
                            },
                            {
                              "Action": "CREATE",
                              "ResourceRecordSet": {
                                "Name": "green.example.com.",
                                "Type": "A",
                                "AliasTarget": {
                                  "HostedZoneId": "Z35SXDOTRQ7X7K",
                                  "DNSName": "dualstack.blue-alb-1234567890.us-east-1.elb.amazonaws.com.",
                                  "EvaluateTargetHealth": true
                                }
                              }
                            }
                          ]
                        }""");
    }

    @Test
    void routingFieldsAreKeptAndABlankCommentIsLeftOut() {
        RecordSet weighted =
                new RecordSet("w.example.com.", "CNAME", 300L, List.of("a.example.net"), null, "one", 10L, null, null);

        assertThat(Route53ChangeBatchJson.render(" ", List.of(new RecordChange(RecordChange.Action.DELETE, weighted))))
                .isEqualTo(
                        """
                        {
                          "Changes": [
                            {
                              "Action": "DELETE",
                              "ResourceRecordSet": {
                                "Name": "w.example.com.",
                                "Type": "CNAME",
                                "SetIdentifier": "one",
                                "Weight": 10,
                                "TTL": 300,
                                "ResourceRecords": [
                                  {
                                    "Value": "a.example.net"
                                  }
                                ]
                              }
                            }
                          ]
                        }""");
    }

    @Test
    void aLongCommentIsCutTo256Characters() {
        assertThat(Route53ChangeBatchJson.truncateComment("x".repeat(300))).hasSize(256);
        assertThat(Route53ChangeBatchJson.truncateComment(null)).isNull();
    }
}
