package dev.cutover.aws;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.DnsRecordsContract;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.sandbox.SandboxRoute53Client;
import java.time.Duration;

/** The Route 53 adapter over the sandbox's simulated Route 53 client (the SDK's request and response types). */
class Route53DnsRecordsContractTest extends DnsRecordsContract {
    private SandboxRoute53Client route53;

    @Override
    protected DnsRecords newRecords(Duration insyncDelay) {
        route53 = new SandboxRoute53Client(clock, insyncDelay);
        route53.addZone(ZONE, "example.com.");
        route53.putRecord(ZONE, BLUE);
        route53.putRecord(ZONE, GREEN);
        return new Route53DnsRecords(route53, Duration.ofMillis(10));
    }

    @Override
    protected void editByHand(RecordSet record) {
        route53.putRecord(ZONE, record);
    }
}
