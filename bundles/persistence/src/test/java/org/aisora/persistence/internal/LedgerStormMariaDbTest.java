package org.aisora.persistence.internal;

/** The ledger storm on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class LedgerStormMariaDbTest extends LedgerStorm {
    @Override
    TestStores openStores() {
        return TestStores.mariaDb();
    }

    @Override
    int connections() {
        return 16;
    }
}
