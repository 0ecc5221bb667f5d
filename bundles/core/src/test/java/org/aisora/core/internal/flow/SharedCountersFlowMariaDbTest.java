package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Skipped when no MariaDB answers on 127.0.0.1:3306, unless -Daisora.requireMariaDb=true (CI): then it fails. */
class SharedCountersFlowMariaDbTest extends SharedCountersFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
