package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class DisputeFlowMariaDbTest extends DisputeFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
