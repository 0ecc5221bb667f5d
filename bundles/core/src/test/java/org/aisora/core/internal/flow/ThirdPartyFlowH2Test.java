package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class ThirdPartyFlowH2Test extends ThirdPartyFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
