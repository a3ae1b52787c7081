package dev.cutover.memory;

import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockProviderContract;
import java.time.Clock;

class InMemoryLockProviderTest extends LockProviderContract {
    private final InMemoryLockProvider provider = new InMemoryLockProvider(Clock.systemUTC());

    @Override
    protected LockProvider provider() {
        return provider;
    }

    @Override
    protected LockProvider otherReplica() {
        return provider;
    }
}
