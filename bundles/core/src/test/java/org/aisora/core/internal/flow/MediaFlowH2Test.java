package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class MediaFlowH2Test extends MediaFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
