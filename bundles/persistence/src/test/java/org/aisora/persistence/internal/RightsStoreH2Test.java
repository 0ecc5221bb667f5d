package org.aisora.persistence.internal;

class RightsStoreH2Test extends RightsStoreContract {
    @Override
    TestStores openStores() {
        return TestStores.h2();
    }
}
