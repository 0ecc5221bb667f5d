package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class RetentionFlowMariaDbTest extends RetentionFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
