package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class MediaLeaseFlowH2Test extends MediaLeaseFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
