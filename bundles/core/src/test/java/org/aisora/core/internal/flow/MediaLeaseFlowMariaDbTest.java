package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class MediaLeaseFlowMariaDbTest extends MediaLeaseFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
