package org.aisora.persistence.internal;

/** The store contract on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class MariaDbStoreContractTest extends StoreContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.mariaDb();
    }
}
