package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreJsonTest {
    @Test
    void recordsAreWrittenByTheirComponentsOnly() throws Exception {
        AppliedSwap applied = new AppliedSwap("r1", Requests.mixedPlan("web"), "C2EX", Requests.NOW);
        JsonNode tree = StoreJson.newMapper().readTree(StoreJson.write(applied));

        assertThat(names(tree)).containsExactly("requestId", "plan", "changeId", "at");
        assertThat(names(tree.get("plan"))).containsExactly("pair", "blueBefore", "greenBefore");
        for (JsonNode record : tree.get("plan").get("blueBefore")) {
            assertThat(names(record))
                    .containsExactly(
                            "name",
                            "type",
                            "ttl",
                            "values",
                            "alias",
                            "setIdentifier",
                            "weight",
                            "healthCheckId",
                            "routing");
        }
        assertThat(tree.get("at").asText()).isEqualTo("2025-03-01T10:15:30Z");
    }

    @Test
    void aFullRequestRoundTrips() {
        ApprovalRequest full = Requests.full("r1", "web");
        assertThat(StoreJson.read(StoreJson.write(full), ApprovalRequest.class)).isEqualTo(full);
    }

    @Test
    void unknownFieldsAreIgnored() {
        AppliedSwap applied = new AppliedSwap("r1", Requests.mixedPlan("web"), "C2EX", Requests.NOW);
        String json = StoreJson.write(applied).replaceFirst("\\{", "{\"addedLater\":1,");
        assertThat(StoreJson.read(json, AppliedSwap.class)).isEqualTo(applied);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aSharedCutoverThreadRoundTrips() {
        var t = new dev.cutover.alert.CutoverWatch.SharedThread(
                "C0DEPLOY01", "1767225600.000100", java.time.Instant.parse("2026-01-01T10:15:00Z"));
        assertThat(StoreJson.read(StoreJson.write(t), dev.cutover.alert.CutoverWatch.SharedThread.class))
                .isEqualTo(t);
    }
}
