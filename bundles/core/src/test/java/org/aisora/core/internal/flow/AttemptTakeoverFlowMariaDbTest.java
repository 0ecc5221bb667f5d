package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class AttemptTakeoverFlowMariaDbTest extends AttemptTakeoverFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
