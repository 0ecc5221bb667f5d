package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class BillingFlowMariaDbTest extends BillingFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
