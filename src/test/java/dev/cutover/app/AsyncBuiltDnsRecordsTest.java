package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordChange;
import dev.cutover.core.dns.RecordSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncBuiltDnsRecordsTest {
    @Test
    void callsGoToTheRecordsBuiltOnceInTheBackground() {
        AtomicInteger builds = new AtomicInteger();
        AsyncBuiltDnsRecords dns = new AsyncBuiltDnsRecords(() -> {
            builds.incrementAndGet();
            return new FixedRecords();
        });

        assertThat(dns.submit("Z1", List.of(), "swap")).isEqualTo("C1");
        assertThat(dns.awaitInsync("C1", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(dns.read("Z1", "blue.example.com.")).isEmpty();
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuildIsThrownByEveryCall() {
        AsyncBuiltDnsRecords dns = new AsyncBuiltDnsRecords(() -> {
            throw new IllegalStateException("no region");
        });
        dns.awaitBuilt();

        assertThatThrownBy(() -> dns.read("Z1", "blue.example.com."))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no region");
        assertThatThrownBy(() -> dns.submit("Z1", List.of(), "swap")).isInstanceOf(IllegalStateException.class);
    }

    private static final class FixedRecords implements DnsRecords {
        @Override
        public List<RecordSet> read(String zoneId, String name) {
            return List.of();
        }

        @Override
        public String submit(String zoneId, List<RecordChange> changes, String comment) {
            return "C1";
        }

        @Override
        public Duration awaitInsync(String changeId, Duration timeout) {
            return Duration.ofSeconds(2);
        }
    }
}
