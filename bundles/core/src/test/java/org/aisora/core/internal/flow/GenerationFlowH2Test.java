package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class GenerationFlowH2Test extends GenerationFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
