package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class AttemptTakeoverFlowH2Test extends AttemptTakeoverFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
