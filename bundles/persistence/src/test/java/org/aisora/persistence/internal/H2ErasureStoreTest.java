package org.aisora.persistence.internal;

class H2ErasureStoreTest extends ErasureStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
