package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class VendorDeletionFlowMariaDbTest extends VendorDeletionFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
