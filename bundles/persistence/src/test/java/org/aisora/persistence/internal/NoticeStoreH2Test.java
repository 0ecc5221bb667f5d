package org.aisora.persistence.internal;

class NoticeStoreH2Test extends NoticeStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
