package dev.cutover.core.dns;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a change batch in the DNS service's own text format (Route 53: the JSON that {@code aws
 * route53 change-resource-record-sets --change-batch} accepts), so a dry run can show people exactly
 * what would be submitted.
 */
@FunctionalInterface
public interface ChangeBatchFormat {
    /**
     * The batch as text.
     *
     * @param comment the batch comment; omitted when null or blank
     * @param changes the changes, in the order they are to apply
     */
    String render(@Nullable String comment, List<RecordChange> changes);
}
