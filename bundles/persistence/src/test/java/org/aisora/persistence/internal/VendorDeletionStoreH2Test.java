package org.aisora.persistence.internal;

class VendorDeletionStoreH2Test extends VendorDeletionStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
