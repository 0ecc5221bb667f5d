package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class BillingClosureFlowMariaDbTest extends BillingClosureFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
