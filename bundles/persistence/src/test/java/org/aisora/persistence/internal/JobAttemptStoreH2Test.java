package org.aisora.persistence.internal;

class JobAttemptStoreH2Test extends JobAttemptStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
