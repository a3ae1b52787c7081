package dev.cutover.config;

import java.net.URI;

/**
 * The {@code aws:} section.
 *
 * @param region the region for regional services (default {@code us-east-1}); Route 53 is global
 * @param endpointOverride an endpoint every client uses instead of AWS's (tests, VPC endpoints), or null
 * @param roleArn a role to assume with STS before calling AWS, or null for the default credentials
 */
public record AwsSettings(String region, URI endpointOverride, String roleArn) {
    public AwsSettings {
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw ConfigException.invalid("region", "expected an AWS region such as us-east-1 or ap-northeast-1");
        }
        if (endpointOverride != null && endpointOverride.getScheme() == null) {
            throw ConfigException.invalid("endpointOverride", "expected an absolute URL such as http://127.0.0.1:4566");
        }
        if (roleArn != null && !roleArn.isBlank() && !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw ConfigException.invalid("roleArn", "expected arn:aws:iam::<12-digit account>:role/<name>");
        }
        roleArn = roleArn == null || roleArn.isBlank() ? null : roleArn;
    }

    /** Settings with every default, for a config without an {@code aws:} section. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null);
    }
}
