package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class BillingClosureFlowH2Test extends BillingClosureFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
