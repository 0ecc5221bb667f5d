package org.aisora.persistence.internal;

class JobLeaseStoreMariaDbTest extends JobLeaseStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
