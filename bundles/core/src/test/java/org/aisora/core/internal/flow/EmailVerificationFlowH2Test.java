package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class EmailVerificationFlowH2Test extends EmailVerificationFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
