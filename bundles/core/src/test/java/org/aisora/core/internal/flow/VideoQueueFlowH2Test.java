package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class VideoQueueFlowH2Test extends VideoQueueFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
