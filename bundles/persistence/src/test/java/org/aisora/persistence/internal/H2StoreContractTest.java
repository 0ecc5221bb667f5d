package org.aisora.persistence.internal;

/** The store contract on H2, the database of a single node: always runs. */
final class H2StoreContractTest extends StoreContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
