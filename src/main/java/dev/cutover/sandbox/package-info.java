/**
 * A simulated AWS account (Route 53, SQS, CloudWatch, ECS, Application Auto Scaling) behind the SDK
 * client interfaces, and an in-process Slack Web API, so the real bot runs without Slack or AWS.
 */
@NullMarked
package dev.cutover.sandbox;

import org.jspecify.annotations.NullMarked;
