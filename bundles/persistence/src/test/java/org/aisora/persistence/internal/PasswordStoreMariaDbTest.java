package org.aisora.persistence.internal;

/** The password store's contract on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class PasswordStoreMariaDbTest extends PasswordStoreContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
