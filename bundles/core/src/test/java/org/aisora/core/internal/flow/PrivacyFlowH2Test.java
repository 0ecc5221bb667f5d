package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class PrivacyFlowH2Test extends PrivacyFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
