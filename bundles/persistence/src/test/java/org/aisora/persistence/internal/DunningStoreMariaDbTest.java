package org.aisora.persistence.internal;

class DunningStoreMariaDbTest extends DunningStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
