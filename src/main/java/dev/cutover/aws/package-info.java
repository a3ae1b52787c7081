/**
 * Adapters over the AWS SDK v2: Route 53 records and change batches, CloudWatch and SQS readings, ECS
 * and Application Auto Scaling, and the ECS and Step Functions job targets. One place builds the
 * clients ({@link dev.cutover.aws.AwsClients}).
 */
@NullMarked
package dev.cutover.aws;

import org.jspecify.annotations.NullMarked;
