package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class StorageQuotaFlowH2Test extends StorageQuotaFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
