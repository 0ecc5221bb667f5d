package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class DisputeFlowH2Test extends DisputeFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
