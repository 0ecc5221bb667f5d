package org.aisora.persistence.internal;

class MariaDbErasureStoreTest extends ErasureStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
