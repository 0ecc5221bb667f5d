package org.aisora.persistence.internal;

class MediaLeaseStoreH2Test extends MediaLeaseStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
