/**
 * Records of hosted zones, change batches and the plan that exchanges two records' targets, with the
 * {@link dev.cutover.core.dns.DnsRecords} port. Values only: no approval, no workflow.
 */
@NullMarked
package dev.cutover.core.dns;

import org.jspecify.annotations.NullMarked;
