package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class BillingFlowH2Test extends BillingFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
