package dev.cutover.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders a change batch as the JSON that {@code aws route53 change-resource-record-sets
 * --change-batch} accepts: {@code {"Comment": ..., "Changes": [{"Action": ..., "ResourceRecordSet":
 * {...}}]}}, pretty-printed with two-space indents and {@code \n} line ends. Shown by the dry run
 * and {@code swap plan} so people can read, or apply by hand, exactly what the bot would submit.
 *
 * @see <a href="https://docs.aws.amazon.com/cli/latest/reference/route53/change-resource-record-sets.html">change-resource-record-sets</a>
 */
public final class Route53ChangeBatchJson {
    /** The longest comment Route 53 accepts on a change batch, in characters. */
    public static final int MAX_COMMENT_LENGTH = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

    private Route53ChangeBatchJson() {}

    /**
     * The change batch as pretty-printed JSON.
     *
     * @param comment the batch comment, cut to {@value #MAX_COMMENT_LENGTH} characters; omitted when
     *     null or blank
     * @param changes the changes, in the order Route 53 is to apply them
     */
    public static String render(@Nullable String comment, List<RecordChange> changes) {
        ObjectNode batch = JSON.createObjectNode();
        String c = truncateComment(comment);
        if (c != null) {
            batch.put("Comment", c);
        }
        ArrayNode array = batch.putArray("Changes");
        for (RecordChange change : changes) {
            ObjectNode node = array.addObject();
            node.put("Action", change.action().name());
            node.set("ResourceRecordSet", recordSet(change.record()));
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(batch);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // an in-memory tree always serialises
        }
    }

    /** {@code comment} cut to {@value #MAX_COMMENT_LENGTH} characters; null when null or blank. */
    public static @Nullable String truncateComment(@Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String c = comment.strip();
        return c.length() <= MAX_COMMENT_LENGTH ? c : c.substring(0, MAX_COMMENT_LENGTH);
    }

    private static ObjectNode recordSet(RecordSet r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Name", r.name());
        node.put("Type", r.type());
        if (r.setIdentifier() != null) {
            node.put("SetIdentifier", r.setIdentifier());
        }
        if (r.weight() != null) {
            node.put("Weight", r.weight());
        }
        if (r.isAlias()) {
            ObjectNode alias = node.putObject("AliasTarget");
            alias.put("HostedZoneId", r.alias().hostedZoneId());
            alias.put("DNSName", r.alias().dnsName());
            alias.put("EvaluateTargetHealth", r.alias().evaluateTargetHealth());
        } else {
            node.put("TTL", r.ttl());
            ArrayNode values = node.putArray("ResourceRecords");
            r.values().forEach(v -> values.addObject().put("Value", v));
        }
        if (r.healthCheckId() != null) {
            node.put("HealthCheckId", r.healthCheckId());
        }
        return node;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
