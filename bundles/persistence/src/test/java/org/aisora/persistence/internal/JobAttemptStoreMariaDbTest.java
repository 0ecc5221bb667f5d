package org.aisora.persistence.internal;

class JobAttemptStoreMariaDbTest extends JobAttemptStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
