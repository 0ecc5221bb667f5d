package org.aisora.persistence.internal;

class MediaLeaseStoreMariaDbTest extends MediaLeaseStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
