package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class RightsFlowH2Test extends RightsFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
