package org.aisora.persistence.internal;

class VendorDeletionStoreMariaDbTest extends VendorDeletionStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
