package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class ErasureRacesFlowMariaDbTest extends ErasureRacesFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
