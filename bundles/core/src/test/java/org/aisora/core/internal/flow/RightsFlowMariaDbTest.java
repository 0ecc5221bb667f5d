package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class RightsFlowMariaDbTest extends RightsFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
