package dev.cutover.memory;

import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ApprovalStoreContract;

class InMemoryApprovalStoreTest extends ApprovalStoreContract {
    @Override
    protected ApprovalStore newStore() {
        return new InMemoryApprovalStore();
    }
}
