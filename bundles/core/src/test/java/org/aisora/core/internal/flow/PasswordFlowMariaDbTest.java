package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Password flows on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class PasswordFlowMariaDbTest extends PasswordFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
