package org.aisora.persistence.internal;

class RightsStoreMariaDbTest extends RightsStoreContract {
    @Override
    TestStores openStores() {
        return TestStores.mariaDb();
    }
}
