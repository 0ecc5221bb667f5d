package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class VendorDeletionFlowH2Test extends VendorDeletionFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
