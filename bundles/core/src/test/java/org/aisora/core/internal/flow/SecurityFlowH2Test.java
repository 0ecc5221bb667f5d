package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Security flows on H2. */
final class SecurityFlowH2Test extends SecurityFlowContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
