package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class AnalyticsFlowMariaDbTest extends AnalyticsFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
