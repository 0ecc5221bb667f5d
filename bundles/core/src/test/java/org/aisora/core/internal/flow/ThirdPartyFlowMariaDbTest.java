package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class ThirdPartyFlowMariaDbTest extends ThirdPartyFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
