package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class DunningFlowH2Test extends DunningFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
