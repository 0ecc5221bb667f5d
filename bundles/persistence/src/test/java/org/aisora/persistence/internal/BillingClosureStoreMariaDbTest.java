package org.aisora.persistence.internal;

class BillingClosureStoreMariaDbTest extends BillingClosureStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
