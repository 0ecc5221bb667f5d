package org.aisora.persistence.internal;

/** The security stores' contract on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class SecurityStoreMariaDbTest extends SecurityStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
