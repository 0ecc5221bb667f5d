package org.aisora.persistence.internal;

class NoticeStoreMariaDbTest extends NoticeStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
