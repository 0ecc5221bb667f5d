package org.aisora.persistence.internal;

/** The ledger storm on H2, the database of a single node: always runs. */
final class LedgerStormH2Test extends LedgerStorm {
    @Override
    TestStores openStores() {
        return TestStores.h2();
    }

    @Override
    int connections() {
        return 32;
    }
}
