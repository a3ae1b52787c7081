package dev.cutover.memory;

import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.FireClaimsContract;
import java.time.Clock;

class InMemoryFireClaimsTest extends FireClaimsContract {
    @Override
    protected FireClaims newClaims() {
        return new InMemoryFireClaims(Clock.systemUTC());
    }
}
