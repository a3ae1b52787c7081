package dev.cutover.memory;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.DnsRecordsContract;
import dev.cutover.core.dns.RecordSet;
import java.time.Duration;

class InMemoryDnsRecordsTest extends DnsRecordsContract {
    private InMemoryDnsRecords dns;

    @Override
    protected DnsRecords newRecords(Duration insyncDelay) {
        dns = new InMemoryDnsRecords(clock, insyncDelay);
        dns.put(ZONE, BLUE);
        dns.put(ZONE, GREEN);
        return dns;
    }

    @Override
    protected void editByHand(RecordSet record) {
        dns.put(ZONE, record);
    }
}
