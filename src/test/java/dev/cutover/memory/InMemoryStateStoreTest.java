package dev.cutover.memory;

import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStoreContract;

class InMemoryStateStoreTest extends StateStoreContract {
    @Override
    protected StateStore<AlertState> newStore() {
        return new InMemoryStateStore<>();
    }
}
