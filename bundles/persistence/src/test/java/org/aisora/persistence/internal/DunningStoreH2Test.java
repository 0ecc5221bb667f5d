package org.aisora.persistence.internal;

class DunningStoreH2Test extends DunningStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
