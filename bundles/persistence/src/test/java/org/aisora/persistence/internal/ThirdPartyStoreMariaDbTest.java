package org.aisora.persistence.internal;

class ThirdPartyStoreMariaDbTest extends ThirdPartyStoreContract {
    @Override
    TestStores openStores() {
        return TestStores.mariaDb();
    }
}
