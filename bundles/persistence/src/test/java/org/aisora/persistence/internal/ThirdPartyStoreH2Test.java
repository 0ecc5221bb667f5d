package org.aisora.persistence.internal;

class ThirdPartyStoreH2Test extends ThirdPartyStoreContract {
    @Override
    TestStores openStores() {
        return TestStores.h2();
    }
}
