package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class SharedCountersFlowH2Test extends SharedCountersFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
