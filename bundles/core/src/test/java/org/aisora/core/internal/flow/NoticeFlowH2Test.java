package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class NoticeFlowH2Test extends NoticeFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
