package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class DunningFlowMariaDbTest extends DunningFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
