package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class JobLeaseFlowH2Test extends JobLeaseFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
