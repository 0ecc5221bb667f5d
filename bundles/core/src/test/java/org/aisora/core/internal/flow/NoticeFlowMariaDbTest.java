package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class NoticeFlowMariaDbTest extends NoticeFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
