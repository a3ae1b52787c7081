/**
 * Operating the bot: the ops HTTP server ({@code /healthz}, {@code /readyz}, {@code /metrics}), the
 * readiness checks and liveness heartbeat behind it, and the Micrometer meters the bot's ports are
 * measured with. The core stays free of Micrometer: meters are taken at the ports (decorators of
 * the store, the lock provider, the job history...), which {@code app/} wires in.
 */
@NullMarked
package dev.cutover.ops;

import org.jspecify.annotations.NullMarked;
