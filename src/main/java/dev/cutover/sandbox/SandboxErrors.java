package dev.cutover.sandbox;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * The SDK's modelled Route 53 exceptions, built as the client unmarshals them from Route 53's error
 * documents (error code, message, HTTP status), so callers map them exactly as real ones.
 *
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html#API_ChangeResourceRecordSets_Errors">ChangeResourceRecordSets errors</a>
 */
final class SandboxErrors {
    private SandboxErrors() {}

    /** A rejected batch: Route 53 lists every problem in one bracketed message. */
    static InvalidChangeBatchException invalidChangeBatch(List<String> errors) {
        String message = "[" + String.join(", ", errors) + "]";
        return InvalidChangeBatchException.builder()
                .message(message)
                .messages(errors)
                .statusCode(400)
                .awsErrorDetails(details("InvalidChangeBatch", message))
                .build();
    }

    static NoSuchHostedZoneException noSuchHostedZone(String zoneId) {
        String message = "No hosted zone found with ID: " + zoneId;
        return NoSuchHostedZoneException.builder()
                .message(message)
                .statusCode(404)
                .awsErrorDetails(details("NoSuchHostedZone", message))
                .build();
    }

    static NoSuchChangeException noSuchChange(String changeId) {
        String message = "A change with the specified change ID does not exist: " + changeId;
        return NoSuchChangeException.builder()
                .message(message)
                .statusCode(404)
                .awsErrorDetails(details("NoSuchChange", message))
                .build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName(Route53Client.SERVICE_NAME)
                .build();
    }
}
