package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class RetentionFlowH2Test extends RetentionFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
