package org.aisora.persistence.internal;

class BillingClosureStoreH2Test extends BillingClosureStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
