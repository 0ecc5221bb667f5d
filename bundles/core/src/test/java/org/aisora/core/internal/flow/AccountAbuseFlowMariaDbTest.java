package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Account abuse flows on MariaDB at 127.0.0.1:3306; skipped without a server unless aisora.requireMariaDb. */
final class AccountAbuseFlowMariaDbTest extends AccountAbuseFlowContract {
    @Override
    TestStores open() {
        return TestStores.mariaDb();
    }
}
