package org.aisora.persistence.internal;

class JobLeaseStoreH2Test extends JobLeaseStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
