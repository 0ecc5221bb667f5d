package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class EmailVerificationFlowMariaDbTest extends EmailVerificationFlowContract {
    @Override
    TestStores database() {
        return TestStores.mariaDb();
    }
}
