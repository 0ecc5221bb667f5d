package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class AnalyticsFlowH2Test extends AnalyticsFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
