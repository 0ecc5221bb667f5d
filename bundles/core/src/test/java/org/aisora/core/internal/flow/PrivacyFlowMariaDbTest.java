package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class PrivacyFlowMariaDbTest extends PrivacyFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
