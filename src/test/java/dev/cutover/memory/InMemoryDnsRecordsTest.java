package dev.cutover.memory;

import dev.cutover.core.swap.DnsRecords;
import dev.cutover.core.swap.DnsRecordsContract;
import dev.cutover.core.swap.RecordSet;
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
